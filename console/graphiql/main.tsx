// GraphiQL at /graphql, for a person signed in to the console: its requests carry the console's
// session cookie and header, so the IDE runs with that person's key and role, and nothing else.
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './graphiql-page.css';
import { mendAccessibility } from './accessibility-mends';

/** Every console-session request carries it; the API refuses the cookie without it (see console-session.ts). */
const SESSION_HEADERS = { 'content-type': 'application/json', 'x-sec-console': '1' };

/**
 * A plain POST to this service: the API has no subscriptions or deferred answers, so toolkit's
 * fetcher (which reaches for graphql-ws and multipart parsing) would add code that never runs.
 */
const fetcher: GraphiQLProps['fetcher'] = async (params) => {
  const res = await fetch('/graphql', { method: 'POST', headers: SESSION_HEADERS, credentials: 'same-origin', body: JSON.stringify(params) });
  return res.json();
};

interface Who { name: string; role: string }

/** The session's key, or null when there is none (or its key was revoked or has expired). */
async function whoIsSignedIn(): Promise<Who | null> {
  const body = await fetcher({ query: '{ me { name role } }', operationName: null }) as {
    data?: { me?: Who | null } | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
    error?: { code: string; message: string };
  };
  if (body.data?.me) return body.data.me;
  const refusal = body.errors?.[0] ?? { message: body.error?.message ?? 'The API gave no answer', extensions: { code: body.error?.code } };
  if (refusal.extensions?.code === 'UNAUTHENTICATED') return null;
  // Anything else (the database away, too many requests) is said as the API says it.
  throw new Error(refusal.message);
}

function SignInFirst() {
  return (
    <main className="sec-graphiql-signed-out">
      <h1>GraphQL IDE</h1>
      <p>The IDE runs queries with your console session, and you are not signed in.</p>
      <p><a href="/sign-in?next=/graphql">Sign in to the console</a>: it brings you back here.</p>
      <p>Programs do not need this page: they send their API key as <code>Authorization: Bearer</code> to this address.</p>
    </main>
  );
}

function Ide({ who }: { who: Who }) {
  return (
    <main className="sec-graphiql-main">
      <GraphiQL
        fetcher={fetcher}
        defaultQuery={'# Queries run as your console session. Ctrl-Enter runs the query.\n{\n  me { name role }\n}\n'}
        // The IDE runs as the session, and only so: no pane for headers (a key typed there would
        // sit in the page, and the fetcher would have to choose between it and the session).
        isHeadersEditorEnabled={false}
        // One palette, tuned in graphiql-page.css to read at 4.5:1 (GraphiQL's own does not).
        forcedTheme="light"
      >
        <GraphiQL.Logo><h1 className="sec-graphiql-title">GraphQL IDE <span className="sec-graphiql-who">as {who.name} ({who.role})</span></h1></GraphiQL.Logo>
      </GraphiQL>
    </main>
  );
}

const page = document.getElementById('graphiql')!;
const root = createRoot(page);
mendAccessibility(page);
whoIsSignedIn().then(
  (who) => root.render(who ? <Ide who={who} /> : <SignInFirst />),
  (err: Error) => root.render(
    <main className="sec-graphiql-signed-out">
      <h1>GraphQL IDE</h1>
      <p role="alert">{err.message}</p>
      <p>Reload the page to try again.</p>
    </main>,
  ),
);
