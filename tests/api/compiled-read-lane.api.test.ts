import path from 'node:path';
import { Role } from '../../src/auth/role';
import { loadConfig } from '../../src/config/config';
import { fixedClock } from '../../src/infra/clock';
import { createLogger } from '../../src/infra/logger';
import { importRegisterFile } from '../../src/register-import';
import { type RunningHttpServer, startHttpServer } from '../../src/server/http-server';
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
  routesOnly = await startHttpServer({
    db: app.db, services: app.services, jobs: app.jobs, clock: fixedClock(new Date('2021-04-09T09:00:00Z')),
    logger: createLogger('silent'), dueSoonWorkingDays: 3, limits: { ...loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }), compiledReads: false },
    metrics: app.metrics,
  }, 0);
});
afterAll(async () => {
  await routesOnly?.stop();
  await app?.stop();
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** A raw POST to /graphql, as a client without a browser sends one; `body` is sent as it is. */
async function post(url: string, body: string, headers: Record<string, string> = {}, key: string | null = app.keys.READER): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body,
  });
  return { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
}

const request = (query: string, variables?: Record<string, unknown>, operationName?: string) => JSON.stringify({ query, variables, operationName });
const laneAnswers = () => lines.filter((line) => line.msg === 'answered in the compiled-read lane').length;

/** Headers that differ between any two answers: the day's time, the request's id, what is left of the budget. */
const sameEverywhere = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !['date', 'x-request-id', 'ratelimit-remaining'].includes(name)));

const ONE = `query One($reference: String!) { modification(reference: $reference) {
  reference title phase targetRelease { name } assessments { type requestedOn targetCompletionOn sla { status remainingWorkingDays } } } }`;

test('a query answered a second time is answered by the lane: the same status, headers and bytes as the routes gave, for any variables', async () => {
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
  expect(sameEverywhere(again.headers)).toEqual(sameEverywhere(first.headers));
  // A body that starts with a byte order mark, as some clients write UTF-8: read as express.json() reads it.
  expect((await post(app.url, `\uFEFF${request(ONE, { reference: 'MP107' })}`)).text).toBe(first.text);
  expect(laneAnswers()).toBe(before + 2);

  for (const reference of ['DP156', 'mp078', 'MP999']) {
    const lane = await post(app.url, request(ONE, { reference }));
    const routes = await post(routesOnly.url, request(ONE, { reference }));
    expect(lane.status).toBe(routes.status);
    expect(lane.text).toBe(routes.text);
  }
  expect(laneAnswers()).toBe(before + 5);
  expect(JSON.parse((await post(app.url, request(ONE, { reference: 'MP999' }))).text)).toEqual({ data: { modification: null } });
});

test("the lane's request has the routes' log line: its id, operation, outcome and key", async () => {
  const query = '{ releases { name releaseDate } }';
  await post(app.url, request(query));
  const before = laneAnswers();
  const answer = await post(app.url, request(query), { 'x-request-id': 'lane-look-1' });
  expect(laneAnswers()).toBe(before + 1);
  expect(answer.headers['x-request-id']).toBe('lane-look-1');
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
    ['a preference for graphql-response+json', known, { accept: 'application/graphql-response+json' }],
  ];
  // The argument the resolvers refuse, the first time with a fitting one: its text is known to the lane.
  await post(app.url, request('query($s: String) { modifications(filter: { search: $s }) { totalCount } }', { s: 'smart' }));
  const lanesBefore = laneAnswers();
  for (const [what, body, headers, key] of cases) {
    const lane = await post(app.url, body, headers, key === undefined ? app.keys.READER : key);
    const routes = await post(routesOnly.url, body, headers, key === undefined ? app.keys.READER : key);
    expect({ what, status: lane.status, text: lane.text }).toEqual({ what, status: routes.status, text: routes.text });
    expect(lane.status).not.toBe(500);
  }
  expect(laneAnswers()).toBe(lanesBefore);
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
