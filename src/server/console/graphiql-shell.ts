import { scriptedPage } from './console-shell';

/**
 * The page /graphql answers a browser with: GraphiQL's script and styles, from this service only.
 * The script asks who the session is, then draws the IDE or a link to sign in.
 */
export function graphiqlShell(assets: { script: string; styles: string }): string {
  return scriptedPage({
    ...assets, title: 'GraphQL IDE: SEC modification tracker', rootId: 'graphiql', loading: 'Loading the GraphQL IDE…',
    noScript: 'The GraphQL IDE needs JavaScript. Programs send their queries here as JSON (POST, Content-Type: application/json).',
  });
}

/**
 * The console's policy (everything from this origin only, nothing inline) with `font-src data:`:
 * GraphiQL's stylesheet carries its fonts (Roboto, Fira Code) inline as data: URLs.
 *
 * No `style-src 'unsafe-inline'`: in Chromium, GraphiQL 4 draws, runs queries and shows its docs
 * under `style-src 'self'` (CodeMirror and React set styles through the DOM, which CSP allows).
 * The one thing refused is the <style> element react-remove-scroll adds while a dialog (settings,
 * shortcuts) is open, to stop the page scrolling behind it; this page never scrolls, so the
 * refusal costs nothing but a line in the browser's console.
 */
export const GRAPHIQL_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; font-src data:; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
