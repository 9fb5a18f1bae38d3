import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Request, RequestHandler } from 'express';
import { GRAPHIQL_POLICY, graphiqlShell } from './graphiql-shell';

const ASSETS = '/console/assets';

/**
 * A browser opening /graphql: it prefers HTML to JSON (as a page load does; curl and GraphQL
 * clients do not) and names no operation. A GET that carries a query is GraphQL's, as before.
 */
const asksForThePage = (req: Request): boolean =>
  (req.method === 'GET' || req.method === 'HEAD')
  && req.query.query === undefined
  && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';

/**
 * GraphiQL at /graphql for a person in a browser (mounted before GraphQL, which it passes every
 * other request to). The page is the same for everyone and holds nothing; the IDE's queries go to
 * /graphql with the console's session, so what it shows is what that person's key may read.
 */
export function graphiqlPage({ consoleDir }: { consoleDir: string }): RequestHandler {
  return (req, res, next) => {
    if (!asksForThePage(req)) return next();
    res.setHeader('Cache-Control', 'no-store');
    // The answer differs by Accept: a cache between must not hand the page to a GraphQL client.
    res.setHeader('Vary', 'Accept');
    if (!existsSync(path.join(consoleDir, 'graphiql.js'))) {
      return res.status(503).type('text').send('The GraphQL IDE is not built: run "npm run build:console" (npm start and npm run demo run it). The API itself answers POST /graphql.');
    }
    res.setHeader('Content-Security-Policy', GRAPHIQL_POLICY);
    return res.type('html').send(graphiqlShell({ script: `${ASSETS}/graphiql.js`, styles: `${ASSETS}/graphiql.css` }));
  };
}
