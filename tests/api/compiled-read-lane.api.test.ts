import http from 'node:http';
import path from 'node:path';
import { Role } from '../../src/auth/role';
import { importRegisterFile } from '../../src/register-import';
import type { RunningHttpServer } from '../../src/server/http-server';
import { startResolversOnlyServer } from '../support/resolvers-only-server';
import { capturedLog } from '../support/captured-log';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 21, item 3: a query the compiled path has answered once is answered again by the
 * compiled-read lane, without Express and Apollo. Nothing a client sees may tell the two ways
 * apart: the same status, headers and bytes, the same log line, the same budget spent once, and
 * every request the lane does not answer answered by the routes exactly as before. The same
 * database is served a second time without compiled reads (so without the lane) to compare with.
 */
const { logger, lines } = capturedLog('debug');
let app: TestApp;
let routesOnly: RunningHttpServer;

beforeAll(async () => {
  app = await startTestApp({ logger, env: { RATE_LIMIT_PER_MINUTE: '1000' } });
  await importRegisterFile(testServiceContext(app.db), path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json'));
  routesOnly = await startResolversOnlyServer(app);
});
afterAll(async () => {
  await routesOnly?.stop();
  await app?.stop();
});

interface Answer {
  status: number;
  /** The headers as sent, names as written and in their order, with the values any two answers share. */
  headers: string[];
  requestId: string | undefined;
  text: string;
}

/** Headers whose values differ between any two answers: the time, the request's id, what is left of the budget. */
const VARYING = new Set(['date', 'x-request-id', 'ratelimit-remaining']);

/** A raw POST to /graphql, as a client without a browser sends one; `body` is sent as it is. */
function post(url: string, body: string, headers: Record<string, string> = {}, key: string | null = app.keys.READER): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const names = res.rawHeaders.filter((_, i) => i % 2 === 0);
        const values = res.rawHeaders.filter((_, i) => i % 2 === 1);
        resolve({
          status: res.statusCode!,
          headers: names.map((name, i) => (VARYING.has(name.toLowerCase()) ? name : `${name}: ${values[i]}`)),
          requestId: res.headers['x-request-id'] as string | undefined,
          text: Buffer.concat(chunks).toString(),
        });
      });
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

const request = (query: string, variables?: Record<string, unknown>, operationName?: string) => JSON.stringify({ query, variables, operationName });
const laneAnswers = () => lines.filter((line) => line.msg === 'answered in the compiled-read lane').length;
/** What the server without compiled reads cannot say: how much of a budget it does not have is left. */
const withoutBudget = (headers: string[]) => headers.filter((header) => !/^ratelimit-/i.test(header));

const ONE = `query One($reference: String!) { modification(reference: $reference) {
  reference title phase targetRelease { name } assessments { type requestedOn targetCompletionOn sla { status remainingWorkingDays } } } }`;

test('a query answered a second time is answered by the lane: the same status, headers and bytes as the routes gave, for any variables', async () => {
  // A text of this test's own, so that the first request is the routes' whichever tests ran before.
  const ONE = `query OneForTheLane($reference: String!) { modification(reference: $reference) {
    reference title phase targetRelease { name } assessments { type requestedOn targetCompletionOn sla { status remainingWorkingDays } } } }`;
  const before = laneAnswers();
  const first = await post(app.url, request(ONE, { reference: 'MP107' }));
  // The first time, Apollo read and validated the text: the lane did not know it yet.
  expect(laneAnswers()).toBe(before);
  expect(first.status).toBe(200);
  expect(JSON.parse(first.text).data.modification.reference).toBe('MP107');

  const again = await post(app.url, request(ONE, { reference: 'MP107' }));
  expect(laneAnswers()).toBe(before + 1);
  expect(again.status).toBe(first.status);
  expect(again.text).toBe(first.text);
  expect(again.headers).toEqual(first.headers);
  // A body that starts with a byte order mark, as some clients write UTF-8: read as express.json() reads it.
  expect((await post(app.url, `\uFEFF${request(ONE, { reference: 'MP107' })}`)).text).toBe(first.text);
  expect(laneAnswers()).toBe(before + 2);

  for (const reference of ['DP156', 'mp078', 'MP999']) {
    const lane = await post(app.url, request(ONE, { reference }));
    const routes = await post(routesOnly.url, request(ONE, { reference }));
    expect(lane.status).toBe(routes.status);
    expect(lane.text).toBe(routes.text);
    expect(withoutBudget(lane.headers)).toEqual(withoutBudget(routes.headers));
  }
  // Clients' own Accept headers (axios', Apollo Client's, one preferring graphql-response+json): Apollo's choice of media type.
  for (const accept of ['application/json, text/plain, */*', 'application/graphql-response+json,application/json;q=0.9', 'application/graphql-response+json']) {
    const lane = await post(app.url, request(ONE, { reference: 'MP107' }), { accept });
    const routes = await post(routesOnly.url, request(ONE, { reference: 'MP107' }), { accept });
    expect({ accept, status: lane.status, text: lane.text, headers: withoutBudget(lane.headers) })
      .toEqual({ accept, status: routes.status, text: routes.text, headers: withoutBudget(routes.headers) });
  }
  expect(laneAnswers()).toBe(before + 8);
  expect(JSON.parse((await post(app.url, request(ONE, { reference: 'MP999' }))).text)).toEqual({ data: { modification: null } });
});

test("the lane's request has the routes' log line: its id, operation, outcome and key", async () => {
  const query = '{ releases { name releaseDate } }';
  await post(app.url, request(query));
  const before = laneAnswers();
  const answer = await post(app.url, request(query), { 'x-request-id': 'lane-look-1' });
  expect(laneAnswers()).toBe(before + 1);
  expect(answer.requestId).toBe('lane-look-1');
  const line = lines.find((l) => l.reqId === 'lane-look-1' && l.msg === 'request finished');
  expect(line).toMatchObject({
    req: { id: 'lane-look-1', method: 'POST', path: '/graphql' }, res: { statusCode: 200 }, operation: 'anonymous', outcome: 'ok', key: 'test READER',
  });
  expect(line!.responseTime).toEqual(expect.any(Number));
});

test('what the lane does not answer, the routes answer as they would without it', async () => {
  const known = request(ONE, { reference: 'MP107' });
  await post(app.url, known);
  const cases: Array<[string, string, Record<string, string>?, (string | null)?]> = [
    ['not JSON', '{"query": '],
    ['JSON, but not an object or an array', '"{ releases { name } }"'],
    ['a batch', `[${known}]`],
    ['a variable of the wrong type', request(ONE, { reference: 5 })],
    ['a variable missing', request(ONE, {})],
    ['variables that are not an object', JSON.stringify({ query: ONE, variables: '{"reference":"MP107"}' })],
    ['an operation name that names none', request(ONE, { reference: 'MP107' }, 'Other')],
    ['extensions (a persisted query)', JSON.stringify({ query: ONE, variables: { reference: 'MP107' }, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } })],
    ['an argument the resolvers refuse', request('query($s: String) { modifications(filter: { search: $s }) { totalCount } }', { s: 'x'.repeat(301) })],
    ['no key', known, {}, null],
    ['a key nobody has', known, {}, 'not-a-key'],
    ['an Accept the answer cannot meet', known, { accept: 'text/html' }],
    ['the callback protocol', known, { accept: 'application/json; callbackSpec=1.0' }],
  ];
  // Texts the lane knows, each first sent as it fits: the argument the resolvers refuse, the page
  // too costly with a larger `first`, the operation of two not run yet.
  const page = 'query($first: Int) { modifications(first: $first) { edges { node { reference assessments { type } } } } }';
  const two = 'query A { releases { name } } query B { meetings { date } }';
  for (const fitting of [request('query($s: String) { modifications(filter: { search: $s }) { totalCount } }', { s: 'smart' }), request(page, { first: 2 }), request(two, undefined, 'A')]) {
    expect((await post(app.url, fitting)).status).toBe(200);
  }
  cases.push(['a page over the cost limit', request(page, { first: 100_000 })], ['the other operation of a known document', request(two, undefined, 'B')]);
  const lanesBefore = laneAnswers();
  for (const [what, body, headers, key] of cases) {
    const lane = await post(app.url, body, headers, key === undefined ? app.keys.READER : key);
    const routes = await post(routesOnly.url, body, headers, key === undefined ? app.keys.READER : key);
    expect({ what, status: lane.status, text: lane.text, headers: withoutBudget(lane.headers) })
      .toEqual({ what, status: routes.status, text: routes.text, headers: withoutBudget(routes.headers) });
    expect(lane.status).not.toBe(500);
  }
  expect(laneAnswers()).toBe(lanesBefore);
  // The routes answered each once: the known operation of the document is the lane's again.
  expect(JSON.parse((await post(app.url, request(two, undefined, 'A'))).text).data.releases).not.toHaveLength(0);
  expect(laneAnswers()).toBe(lanesBefore + 1);
});

test('a key revoked since the lane last answered it is refused at once', async () => {
  const { key, id } = await app.services.apiKeys.create('lane revoked', Role.READER);
  const known = request(ONE, { reference: 'MP107' });
  await post(app.url, known, {}, key);
  const before = laneAnswers();
  expect((await post(app.url, known, {}, key)).status).toBe(200);
  expect(laneAnswers()).toBe(before + 1);
  await app.services.apiKeys.revoke(id);
  const refused = await post(app.url, known, {}, key);
  const routes = await post(routesOnly.url, known, {}, key);
  expect({ status: refused.status, text: refused.text }).toEqual({ status: routes.status, text: routes.text });
  expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  expect(laneAnswers()).toBe(before + 1);
});
