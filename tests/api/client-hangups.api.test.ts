import net from 'node:net';
import { capturedLog } from '../support/captured-log';
import { waitFor } from '../jobs/support/wait-for';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A client that hangs up before its answer (a load test ending, a browser tab closed) is no failure
 * of the service: it is logged once, as aborted, never as a 500. Before, a request whose socket had
 * closed before express.json read its body was answered 500 ("req.body is not set") and logged at
 * error level, ten at the end of every load test run.
 */
// At debug, to see which requests the compiled-read lane answered.
const { logger, lines } = capturedLog('debug');
let app: TestApp;
let port: number;

beforeAll(async () => {
  app = await startTestApp({ logger });
  port = Number(new URL(app.url).port);
});
afterAll(async () => {
  await app?.stop();
});

const PAGE = '{ modifications(first: 5) { totalCount edges { node { reference title } } } }';

/**
 * Sends a request on a socket of its own and closes the socket at once, before any answer: the
 * whole request, or (`part`) its headers and that share of its body.
 */
async function hangUpAfterSending(key: string, requestId: string, query = PAGE, part = 1): Promise<void> {
  const body = JSON.stringify({ query });
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${key}\r\n` +
      `X-Request-Id: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, Math.floor(body.length * part))}`,
  );
  socket.destroy();
}

test('requests whose clients hang up are each logged once as aborted, none as a failure', async () => {
  // Many at once, so that some close while the service is still busy with the others (before their bodies are read).
  const ids = Array.from({ length: 40 }, (_, i) => `hangup-${i}`);
  await Promise.all(ids.map((id) => hangUpAfterSending(app.keys.READER, id)));
  const linesOf = (id: string) => lines.filter((l) => l.req?.id === id);
  await waitFor(async () => (ids.every((id) => linesOf(id).length > 0) ? true : undefined), 'a log line for every request');
  // The service still answers afterwards.
  expect((await app.gql('{ modifications(first: 1) { totalCount } }', undefined, app.keys.READER)).errors).toBeUndefined();

  const failures = lines.filter((l) => l.level >= 50);
  expect(failures.map((l) => `${l.msg} ${l.res?.statusCode}`)).toEqual([]);
  for (const id of ids) {
    const logged = linesOf(id);
    expect(logged).toHaveLength(1);
    // Answered in time (the socket may still take it) or given up: either way, never a 5xx.
    expect(logged[0]!.res.statusCode ?? 200).toBeLessThan(500);
    if (logged[0]!.msg !== 'request finished') expect(logged[0]).toMatchObject({ msg: 'request aborted by the client', outcome: 'aborted' });
  }
  expect(ids.some((id) => linesOf(id)[0]!.outcome === 'aborted')).toBe(true);
});

test('so are those the compiled-read lane takes: with their whole body sent, or half of it', async () => {
  // A text the compiled path has answered once: the lane answers it from then on.
  const query = '{ modifications(first: 3) { edges { node { reference phase } } } }';
  expect((await app.gql(query, undefined, app.keys.READER)).errors).toBeUndefined();
  const ids = Array.from({ length: 40 }, (_, i) => `lane-hangup-${i}`);
  await Promise.all(ids.map((id, i) => hangUpAfterSending(app.keys.READER, id, query, i % 2 ? 0.5 : 1)));
  const linesOf = (id: string) => lines.filter((l) => l.req?.id === id);
  await waitFor(async () => (ids.every((id) => linesOf(id).length > 0) ? true : undefined), 'a log line for every request');
  expect((await app.gql(query, undefined, app.keys.READER)).errors).toBeUndefined();

  // No warning either: the lane's own failures are warnings (then the routes answer).
  expect(lines.filter((l) => l.level >= 40 && ids.includes(l.reqId)).map((l) => `${l.msg} ${l.res?.statusCode}`)).toEqual([]);
  for (const id of ids) {
    const logged = linesOf(id);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.res.statusCode ?? 200).toBeLessThan(500);
    if (logged[0]!.msg !== 'request finished') expect(logged[0]).toMatchObject({ msg: 'request aborted by the client', outcome: 'aborted' });
  }
  // Every request whose body never came in full was given up, not answered.
  for (const id of ids.filter((_, i) => i % 2)) expect(linesOf(id)[0]).toMatchObject({ outcome: 'aborted', res: { statusCode: null } });
  // The lane took them: it answered those that came whole (into closed sockets), none of the others.
  const answeredByTheLane = ids.filter((id) => lines.some((l) => l.reqId === id && l.msg === 'answered in the compiled-read lane'));
  expect(answeredByTheLane.length).toBeGreaterThan(0);
  expect(answeredByTheLane.every((id) => ids.indexOf(id) % 2 === 0)).toBe(true);
});
