import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { ServiceMetrics } from '../../src/metrics/service-metrics';
import { requestLog } from '../../src/server/request-log';
import { capturedLog } from '../support/captured-log';

/**
 * The request log middleware on a bare Express app over real HTTP: what an operator reads when a
 * request fails, and how a line a route writes finds its request. The API's own lines (a GraphQL
 * read's operation, key and outcome; a client that hung up) are held in tests/api.
 */
async function serve(app: express.Express): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function appWith(logger: ReturnType<typeof capturedLog>['logger'], metrics: ServiceMetrics): express.Express {
  const app = express();
  app.use(requestLog({ logger, metrics }));
  app.get('/broken', (_req, res) => {
    res.status(502).json({ errors: [{ message: 'upstream away' }] });
  });
  app.get('/noted', (req, res) => {
    req.log.warn({ detail: 42 }, 'a route noted something');
    res.json({ ok: true });
  });
  // A route's bug: it writes after it ended the response, while the body is still being sent.
  app.get('/written-twice', (_req, res) => {
    res.end(Buffer.alloc(20_000_000, 'x'));
    res.write('and more');
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return app;
}

/** The lines, once there are `count`: a request's line is written when its response closes, after the client has read it. */
async function linesAfter(log: ReturnType<typeof capturedLog>, count: number): Promise<Array<Record<string, any>>> {
  while (log.lines.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  return log.lines;
}

test('a 5xx answer is logged at error level as a failed request, with its status and the request id given', async () => {
  const log = capturedLog();
  const server = await serve(appWith(log.logger, new ServiceMetrics()));
  try {
    const response = await fetch(`${server.url}/broken?token=secret`, { headers: { 'x-request-id': 'trace-502' } });
    expect(response.status).toBe(502);
    expect(response.headers.get('x-request-id')).toBe('trace-502');
    await response.text();
    const [line] = await linesAfter(log, 1);
    expect(line).toMatchObject({
      level: 50,
      msg: 'request failed',
      reqId: 'trace-502',
      req: { id: 'trace-502', method: 'GET', path: '/broken' },
      res: { statusCode: 502 },
      responseTime: expect.any(Number),
      err: { message: 'failed with status code 502' },
    });
    expect(log.raw.join('')).not.toContain('secret');
  } finally {
    await server.close();
  }
});

test("a line a route writes with req.log carries the request's id, as the request's own line does; health checks are counted, not logged", async () => {
  const log = capturedLog();
  const metrics = new ServiceMetrics();
  const server = await serve(appWith(log.logger, metrics));
  try {
    await (await fetch(`${server.url}/healthz`)).text();
    const response = await fetch(`${server.url}/noted`, { headers: { 'x-request-id': 'not a token; made anew' } });
    const id = response.headers.get('x-request-id')!;
    await response.text();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const lines = await linesAfter(log, 2);
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: 'a route noted something', reqId: id, detail: 42 }),
      expect.objectContaining({ level: 30, msg: 'request finished', reqId: id, req: { id, method: 'GET', path: '/noted' }, res: { statusCode: 200 } }),
    ]);
    const counted = (await metrics.httpDuration.get()).values.filter((v) => v.metricName === 'http_request_duration_seconds_count');
    expect(counted.map((v) => [v.labels.operation, v.value])).toEqual(expect.arrayContaining([['/healthz', 1], ['other', 1]]));
  } finally {
    await server.close();
  }
});

test('an error writing the response is logged as the request\'s failure, with its cause, and the server goes on serving', async () => {
  const log = capturedLog();
  const server = await serve(appWith(log.logger, new ServiceMetrics()));
  try {
    const response = await fetch(`${server.url}/written-twice`);
    expect((await response.arrayBuffer()).byteLength).toBe(20_000_000);
    const [line] = await linesAfter(log, 1);
    expect(line).toMatchObject({ level: 50, msg: 'request failed', req: { path: '/written-twice' }, err: { message: expect.stringMatching(/write after end/i) } });
    // Unheard, the error would have been raised in this process.
    expect((await fetch(`${server.url}/noted`)).status).toBe(200);
    expect((await linesAfter(log, 3)).map((l) => l.msg)).toEqual(['request failed', 'a route noted something', 'request finished']);
  } finally {
    await server.close();
  }
});
