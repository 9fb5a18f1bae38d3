import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import type express from 'express';

/** The query string of a request's URL, as `url.parse(url).search` gives it: from the `?` to any `#`, or ''. */
export function searchOf(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return '';
  const hash = url.indexOf('#', start);
  return hash < 0 ? url.slice(start) : url.slice(start, hash);
}

/**
 * Apollo Server behind Express, as @as-integrations/express5 joins them (Apollo's "building an
 * integration": headers, search and parsed body in, status, headers and body out), with two costs
 * and one fault of that adapter gone. A CPU profile of `{ modification }` at 10 connections showed
 * url.parse of every URL and Express's res.send, which hashes each answer for an ETag no POST is
 * revalidated with (a GET still goes through res.send, so it keeps its ETag and 304). And a request
 * whose client had gone before express.json read its body (body-parser then leaves req.body unset)
 * was answered 500 and logged as a failure at the end of every load test: there is no one to answer.
 */
export function graphqlRoute<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (args: { req: express.Request; res: express.Response }) => Promise<C>,
): express.RequestHandler {
  server.assertStarted('graphqlRoute()');
  return async (req, res) => {
    if (!('body' in req)) {
      res.destroy();
      return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: searchOf(req.url), body: req.body },
      context: () => context({ req, res }),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (req.method === 'GET') res.send(response.body.string);
      else res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
