import http from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { seededRandom } from '../support/seeded-random';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The protocol around GraphQL, fuzzed: how a request names its operation, how its body is encoded
 * and typed, GET requests, lone UTF-16 surrogates anywhere a string goes, with and without a key.
 * Whatever a client sends, the answer is a refusal in the API's words (4xx) or an answer: never a
 * 5xx, never INTERNAL_SERVER_ERROR. The seed makes every run the same; a failure names its case.
 */
const SEED = 20261205;
const CASES = 3_000;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

interface Sent {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

function send(request: Sent): Promise<{ status: number; body: string }> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.path, headers: request.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

const LONE = ['\ud800', '\udfff', 'a\udc00b', '\ud83d'];
const DOCUMENTS = [
  '{ __typename }',
  'query A { __typename } query B { modifications(first: 1) { totalCount } }',
  'query A { __typename } mutation B { recomputeSla { id } }',
  'query A { modifications(first: 2) { edges { node { reference } } } } query B { __typename }',
  '{ modifications(first: 1) { edges { node { reference title } } } }',
  'query ($r: String!) { modification(reference: $r) { reference } }',
  'mutation { addHoliday(date: "2021-05-03", name: "x") { date } }',
  'subscription S { __typename }',
  '',
  '{',
  'query A { __typename } query A { __typename }',
  'fragment F on Query { __typename }',
  `{ modification(reference: "MP1${LONE[0]}07") { reference } }`,
  `mutation { createRecipientGroup(input: { name: "g${LONE[2]}", addresses: ["a${LONE[1]}@b.com"] }) { id } }`,
];
const OPERATION_NAMES: unknown[] = [undefined, null, 'A', 'B', 'C', '', 5, {}, ['A'], `A${LONE[0]}`];
const VARIABLES: unknown[] = [undefined, null, {}, { r: 'MP107' }, { r: LONE[3] }, 'x', [1], { r: 5 }];
const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=latin1',
  'text/plain', 'application/graphql', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', undefined,
];
const ENCODINGS = [undefined, 'identity', 'gzip', 'deflate', 'br', 'zstd', 'compress', 'gzip, gzip', 'x-gzip', 'GZIP'];
const ENCODE: Record<string, (b: Buffer) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };

test(`${CASES} seeded protocol cases: never a 5xx, never INTERNAL_SERVER_ERROR`, async () => {
  const random = seededRandom(SEED);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const bad: string[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < CASES; i++) {
    const document = random() < 0.3 ? '{ __typename }' : pick(DOCUMENTS);
    const operationName = pick(OPERATION_NAMES);
    const variables = pick(VARIABLES);
    const key = pick([app.keys.ADMIN, app.keys.ADMIN, app.keys.READER, `sec_made-up-${i}`, `x${LONE[0]}`, null]);
    const headers: Record<string, string> = {};
    // A lone surrogate cannot travel in a header (it is not a byte): a made-up key with one is sent as its UTF-8 replacement.
    if (key) headers.authorization = `Bearer ${Buffer.from(key).toString('latin1')}`;
    let request: Sent;
    if (random() < 0.2) {
      const params = new URLSearchParams();
      params.set('query', document);
      if (typeof operationName === 'string') params.set('operationName', operationName);
      if (variables !== undefined) params.set('variables', random() < 0.8 ? JSON.stringify(variables) : '{not json');
      if (random() < 0.3) params.set('extensions', pick(['{}', '[]', 'null', '{"persistedQuery":{"version":1,"sha256Hash":"00"}}', '{']));
      request = { method: 'GET', path: `/graphql?${params.toString().replace('%EF%BF%BD', pick(['%ED%A0%80', '%EF%BF%BD', '%']))}`, headers: { ...headers, 'apollo-require-preflight': 'true' } };
    } else {
      const shape = random();
      const payload = shape < 0.85 ? { query: document, operationName, variables } : pick<unknown>([null, 5, 'text', [], [{ query: document }], { query: 5 }, { query: document, extensions: [] }]);
      let body: Buffer = Buffer.from(JSON.stringify(payload));
      if (random() < 0.1) body = Buffer.concat([body.subarray(0, Math.floor(body.length / 2)), Buffer.from([0xed, 0xa0, 0x80, 0xff])]);
      const contentType = random() < 0.6 ? 'application/json' : pick(CONTENT_TYPES);
      if (contentType) headers['content-type'] = contentType;
      const encoding = random() < 0.3 ? pick(ENCODINGS) : undefined;
      if (encoding) {
        headers['content-encoding'] = encoding;
        // Half of the time the body really is so encoded; else it only says so.
        const encode = ENCODE[encoding];
        if (encode && random() < 0.5) body = encode(body);
      }
      request = { method: 'POST', path: '/graphql', headers, body };
    }
    const answer = await send(request);
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    if (answer.status >= 500 || answer.body.includes('INTERNAL_SERVER_ERROR')) {
      bad.push(`#${i} ${request.method} ${request.path} ${JSON.stringify(request.headers)} ${request.body?.toString('latin1').slice(0, 200)} -> ${answer.status} ${answer.body.slice(0, 300)}`);
    }
  }
  expect(bad.slice(0, 10)).toEqual([]);
  // The cases reach both sides: answers, and refusals of several kinds.
  expect(statuses.get(200)).toBeGreaterThan(100);
  expect([...statuses.keys()].filter((s) => s >= 400 && s < 500).length).toBeGreaterThanOrEqual(3);
});

describe('what a client is told', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    send({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.keys.ADMIN}`, ...headers }, body: Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body)) });
  const two = 'query A { __typename } query B { __typename }';

  test('a document of several operations needs operationName, and one that names one of them', async () => {
    const unnamed = await post({ query: two });
    expect(unnamed.status).toBe(400);
    expect(JSON.parse(unnamed.body)).toEqual({ errors: [{ message: 'The document holds 2 operations (A, B): name the one to run in operationName', extensions: { code: 'BAD_REQUEST' } }] });
    const wrong = await post({ query: two, operationName: 'C' });
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.body).errors[0]).toEqual({ message: 'operationName "C" names no operation of the document (it holds A, B)', extensions: { code: 'BAD_REQUEST' } });
    expect(JSON.parse((await post({ query: two, operationName: 'B' })).body)).toEqual({ data: { __typename: 'Query' } });
  });

  test('a body its Content-Encoding does not describe is refused (400); one it does is read; an unknown encoding is 415', async () => {
    const body = Buffer.from(JSON.stringify({ query: '{ __typename }' }));
    for (const encoding of ['gzip', 'deflate', 'br', 'zstd']) {
      const refused = await post(body, { 'content-encoding': encoding });
      expect([encoding, refused.status, JSON.parse(refused.body).errors[0].message]).toEqual([
        encoding, 400, `The body is not "${encoding}" data, as its Content-Encoding says: send it encoded so, or without the header`,
      ]);
    }
    expect(JSON.parse((await post(gzipSync(body), { 'content-encoding': 'gzip' })).body)).toEqual({ data: { __typename: 'Query' } });
    expect(JSON.parse((await post(brotliCompressSync(body), { 'content-encoding': 'br' })).body)).toEqual({ data: { __typename: 'Query' } });
    const unknown = await post(body, { 'content-encoding': 'compress' });
    expect(unknown.status).toBe(415);
    expect(JSON.parse(unknown.body).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  test('a lone surrogate in an email address is an invalid address, not an internal error, and records nothing', async () => {
    const res = await app.gql('mutation ($input: CreateRecipientGroupInput!) { createRecipientGroup(input: $input) { id } }', {
      input: { name: 'Lone surrogate', addresses: ['ops\udc00@dcc.test'] },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/ops.*@dcc\.test/);
    expect(await app.db.query(`SELECT 1 FROM recipient_group WHERE name = 'Lone surrogate'`)).toEqual([]);
  });

  test('a persisted query whose hash does not match its text is the client\'s mistake', async () => {
    const res = await send({
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('{ __typename }')}&extensions=${encodeURIComponent('{"persistedQuery":{"version":1,"sha256Hash":"00"}}')}`,
      headers: { authorization: `Bearer ${app.keys.ADMIN}`, 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).errors[0]).toEqual({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
  });
});
