import { createServer } from 'node:http';

/**
 * The plain register's server, in a process of its own: takes the page over IPC, serves it at
 * /register with `no-store` (as the console's pages are), 404 elsewhere (the browser asks for a
 * /favicon.ico, which the service does not have either), and answers the port it listens on.
 */
process.once('message', (m) => {
  const page = Buffer.from((m as { html: string }).html);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || !req.url?.startsWith('/register')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length, 'cache-control': 'no-store' });
    res.end(page);
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
});
