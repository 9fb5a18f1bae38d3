import path from 'node:path';
import { importRegisterFile } from '../../src/register-import';
import type { RunningHttpServer } from '../../src/server/http-server';
import { startResolversOnlyServer } from '../support/resolvers-only-server';
import { testServiceContext } from '../support/service-context';
import { capturedLog } from '../support/captured-log';
import { seededRandom } from '../support/seeded-random';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 9, "reads at the speed of a compiled engine": a query whose every field is a column or a
 * relation is answered whole by one SQL statement, without the resolvers. The same database is
 * served a second time with COMPILED_READS off: every answer must be the same, byte for byte.
 */
let app: TestApp;
let resolvers: RunningHttpServer;
const { logger, raw: logLines } = capturedLog('debug');

beforeAll(async () => {
  app = await startTestApp({ logger });
  await importRegisterFile(testServiceContext(app.db), path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json'));
  resolvers = await startResolversOnlyServer(app);
  // The reader's key is checked once, then kept, and the Working Day calendar read once, then kept:
  // the figures below are a warm process's, whichever test runs first.
  expect((await app.gql('{ assessments(first: 1) { edges { node { targetCompletionOn } } } }', undefined, app.keys.READER)).errors).toBeUndefined();
});
afterAll(async () => {
  await resolvers?.stop();
  await app?.stop();
});

const compiledAnswers = () => logLines.filter((line) => line.includes('answered by one compiled statement')).length;

/** The raw text both servers answer, and whether the first took the compiled path. */
async function bothAnswer(query: string, variables?: Record<string, unknown>, key: string | null = app.keys.READER) {
  const post = (url: string) => fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  }).then(async (r) => ({ status: r.status, text: await r.text() }));
  const before = compiledAnswers();
  const statementsBefore = app.statements.count;
  const compiled = await post(app.url);
  const statements = app.statements.count - statementsBefore;
  const taken = compiledAnswers() > before;
  const resolved = await post(resolvers.url);
  return { compiled, resolved, taken, statements, json: JSON.parse(compiled.text) };
}

const EVERY_LIST = `reference title phase kind path proposer raisedOn onHold onHoldReason version
  formerReferences { reference replacedOn } dependsOn { reference phase }
  targetRelease { name releaseDate kind modifications { reference } }
  assessments { id type changeRequest requestedOn acceptedOn returnedOn targetWorkingDays expectedCompletionOn commentary
    pauses { from to reason } modification { reference } }
  consultations { id kind opensOn closesOn modification { reference } } decisions { body on outcome objectives }
  meetings { id body date title agenda { reference phase } } history { from to on note } workPackages { tasks returnToPanelMonth completedOn }`;

test('a page with every list nested, a later page by its cursor, and one proposal: the same bytes as the resolvers, from one statement', async () => {
  const page = await bothAnswer(`query($first: Int, $after: String) { modifications(first: $first, after: $after) {
    totalCount edges { cursor node { ${EVERY_LIST} } } pageInfo { hasNextPage endCursor } } }`, { first: 12 });
  expect(page.taken).toBe(true);
  expect(page.statements).toBe(1);
  expect(page.compiled).toEqual(page.resolved);
  expect(page.json.data.modifications.edges).toHaveLength(12);
  expect(page.json.data.modifications.totalCount).toBe(37);

  const next = await bothAnswer(`query($after: String) { modifications(first: 30, after: $after) { edges { node { reference } } pageInfo { hasNextPage endCursor } } }`,
    { after: page.json.data.modifications.pageInfo.endCursor });
  expect(next.taken).toBe(true);
  expect(next.compiled).toEqual(next.resolved);
  expect(next.json.data.modifications.edges).toHaveLength(25);
  expect(next.json.data.modifications.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });

  for (const reference of ['mp107', 'DP156', 'MP999']) {
    const one = await bothAnswer(`query($reference: String!) { modification(reference: $reference) { ${EVERY_LIST} } }`, { reference });
    expect(one.taken).toBe(true);
    expect(one.compiled).toEqual(one.resolved);
  }
  expect((await bothAnswer(`{ modification(reference: "mp107") { reference } }`)).json.data.modification.reference).toBe('MP107');
});

test('aliases, fragments, __typename, @include and @skip, a filter and two roots: the same bytes as the resolvers', async () => {
  const answer = await bothAnswer(`
    query($withHistory: Boolean!, $phases: [ModificationPhase!]) {
      refine: modifications(first: 5, filter: { phases: $phases }) {
        __typename count: totalCount
        edges { __typename node { ...Card ref: reference history @include(if: $withHistory) { to on } } }
      }
      searched: modifications(filter: { search: "smart" }) { edges { node { ...Card meetings @skip(if: $withHistory) { date } } } }
      one: modification(reference: "MP107") { __typename ...Card assessments { kind: type ...on Assessment { requestedOn } } }
    }
    fragment Card on Modification { reference title phase targetRelease { __typename name } }`,
  { withHistory: true, phases: ['REFINE', 'DEFINE'] });
  expect(answer.taken).toBe(true);
  expect(answer.compiled).toEqual(answer.resolved);
  expect(answer.json.data.refine.edges.length).toBeGreaterThan(0);
  expect(Object.keys(answer.json.data.refine.edges[0].node)).toEqual(['reference', 'title', 'phase', 'targetRelease', 'ref', 'history']);
});

test('a page that asks only for cursors, only for its total or only for its page info: the same bytes as the resolvers', async () => {
  for (const query of ['{ modifications(first: 3) { edges { cursor } } }', '{ modifications(filter: { search: "zzz" }) { totalCount } }',
    '{ modifications(first: 36) { pageInfo { endCursor __typename hasNextPage } } }', '{ modifications(first: 2) { edges { node { __typename } } } }']) {
    const answer = await bothAnswer(query);
    expect(answer.taken).toBe(true);
    expect(answer.compiled).toEqual(answer.resolved);
    expect(answer.json.errors).toBeUndefined();
  }
});

test('meetings, consultations, releases and work packages, filtered, with their lists nested: the same bytes as the resolvers, from one statement', async () => {
  // The April 2021 register agreed no work package yet: one due back at the February Panel, still open.
  const planned = await app.gql(`mutation { planWorkPackage(input: { modification: "MP078", returnToPanelMonth: "2021-02", tasks: ["Draft the legal text"] }) { id } }`);
  expect(planned.errors).toBeUndefined();
  const queries: Array<[string, Record<string, unknown>?]> = [
    ['{ meetings { id body date title version agenda { reference title targetRelease { name } } } }'],
    ['query($from: LocalDate, $to: LocalDate, $body: MeetingBody) { meetings(from: $from, to: $to, body: $body) { date body agenda { reference } } }',
      { from: '2021-04-01', to: '2021-05-31', body: 'WORKING_GROUP' }],
    ['{ consultations(from: "2021-04-01") { id kind opensOn closesOn modification { reference phase assessments { type } } } }'],
    ['{ releases { __typename name releaseDate kind modificationReportDeadline modifications { reference phase } } }'],
    ['{ workPackages { id tasks returnToPanelMonth completedOn modification { reference phase } } }'],
    ['{ workPackages(overdueAsOf: "2021-04-09") { tasks returnToPanelMonth modification { reference } } }'],
  ];
  for (const [query, variables] of queries) {
    const answer = await bothAnswer(query, variables);
    expect(answer.taken).toBe(true);
    expect(answer.statements).toBe(1);
    expect(answer.compiled).toEqual(answer.resolved);
    expect(answer.json.errors).toBeUndefined();
    expect(Object.values(answer.json.data)[0]).not.toHaveLength(0);
  }
  // Refused the same way: a window that ends before it starts.
  const backwards = await bothAnswer('{ meetings(from: "2021-05-01", to: "2021-04-01") { date } }');
  expect(backwards.taken).toBe(false);
  expect(backwards.compiled).toEqual(backwards.resolved);
  expect(backwards.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
});

test('assessments: a page by type, the next by its cursor, one by id: the same bytes as the resolvers, from one statement', async () => {
  const FIELDS = 'id type changeRequest requestedOn acceptedOn returnedOn targetWorkingDays expectedCompletionOn commentary pauses { from to reason } modification { reference phase }';
  const page = await bothAnswer(`query($after: String) { assessments(first: 7, after: $after, filter: { type: PRELIMINARY }) {
    totalCount edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`);
  expect(page.taken).toBe(true);
  expect(page.statements).toBe(1);
  expect(page.compiled).toEqual(page.resolved);
  const { edges, pageInfo, totalCount } = page.json.data.assessments;
  expect(edges).toHaveLength(7);
  expect(totalCount).toBeGreaterThan(7);

  const next = await bothAnswer(`query($after: String) { assessments(first: 500, after: $after, filter: { type: PRELIMINARY }) { totalCount edges { node { id } } } }`,
    { after: pageInfo.endCursor });
  expect(next.taken).toBe(true);
  expect(next.compiled).toEqual(next.resolved);
  expect(next.json.data.assessments.edges).toHaveLength(totalCount - 7);

  for (const id of [edges[3].node.id, '6f1c7c8e-8d7e-4a4b-9a53-0d2c4a1f0b11', 'not-an-id']) {
    const one = await bothAnswer(`query($id: ID!) { assessment(id: $id) { ${FIELDS} } }`, { id });
    expect(one.taken).toBe(true);
    expect(one.compiled).toEqual(one.resolved);
  }
  // Filtered on a proposal, by any case of its reference or a former one: one statement. One that
  // names no proposal is the resolvers' to refuse (NOT_FOUND), after the statement finds nothing.
  const cases = [
    ['{ modification: "mp107" }', true, 2],
    ['{ modification: "MP107", type: IMPACT, statuses: [AWAITING_ACCEPTANCE, ON_TRACK, DUE_SOON, OVERDUE, PAUSED] }', true, 1],
    ['{ modification: "DP156" }', true, 0],
    ['{ modification: "MP999" }', false, undefined],
  ] as const;
  for (const [filter, taken, total] of cases) {
    const answer = await bothAnswer(`{ assessments(filter: ${filter}) { totalCount edges { node { id type modification { reference } } } } }`);
    expect({ filter, taken: answer.taken, total: answer.json.data?.assessments.totalCount }).toEqual({ filter, taken, total });
    // One statement; an empty page two (its total, and whether the proposal exists, are then asked apart).
    if (taken) expect(answer.statements).toBe(total ? 1 : 2);
    expect(answer.compiled).toEqual(answer.resolved);
    expect(answer.json.errors?.[0]?.extensions.code).toBe(taken ? undefined : 'NOT_FOUND');
  }
});

test('a board of DUE_SOON and OVERDUE leaves out no clock that has just reached the line in as few calendar days', async () => {
  // Accepted on Monday 15 March 2021 with a target of 5 Working Days: on Wednesday 17 March it has
  // run 2 and 3 remain (the threshold), so it is DUE_SOON after exactly target − threshold calendar days.
  const requested = await app.gql(`mutation { requestAssessment(input: { modification: "MP107", type: PRELIMINARY, requestedOn: "2021-03-15", targetWorkingDays: 5 }) { id } }`);
  expect(requested.errors).toBeUndefined();
  const { id } = requested.data!.requestAssessment;
  expect((await app.gql(`mutation($id: ID!) { acceptAssessment(id: $id, acceptedOn: "2021-03-15") { id } }`, { id })).errors).toBeUndefined();
  const BOARD = `query($statuses: [SlaStatus!], $asOf: LocalDate) { assessments(first: 500, filter: { statuses: $statuses, asOf: $asOf }) {
    totalCount edges { node { id sla(asOf: $asOf) { status remainingWorkingDays } } } } }`;
  for (const statuses of [['DUE_SOON'], ['DUE_SOON', 'OVERDUE']]) {
    const answer = await bothAnswer(BOARD, { statuses, asOf: '2021-03-17' });
    expect({ statuses, taken: answer.taken }).toEqual({ statuses, taken: true });
    expect(answer.compiled).toEqual(answer.resolved);
    const found = answer.json.data.assessments.edges.find((e: { node: { id: string } }) => e.node.id === id);
    expect(found?.node.sla).toEqual({ status: 'DUE_SOON', remainingWorkingDays: 3 });
  }
  // A day earlier it has run 1 Working Day, 4 remain: on no such board.
  const before = await bothAnswer(BOARD, { statuses: ['DUE_SOON'], asOf: '2021-03-16' });
  expect(before.compiled).toEqual(before.resolved);
  expect(before.json.data.assessments.edges.some((e: { node: { id: string } }) => e.node.id === id)).toBe(false);
});

test('the SLA board (assessments in some statuses on a day) is judged by the one statement, as the resolvers judge it, page by page', async () => {
  // A paused clock among them, so that PAUSED and the pause's stopped days are judged too.
  const every = (await app.gql(`{ assessments(first: 500) { edges { node { id acceptedOn returnedOn pauses { from } } } } }`)).data!.assessments.edges
    .map((e: { node: { id: string; acceptedOn: string | null; returnedOn: string | null; pauses: unknown[] } }) => e.node);
  const running = every.filter((a: { acceptedOn: string | null; returnedOn: string | null; pauses: unknown[] }) => a.acceptedOn && !a.returnedOn && !a.pauses.length);
  expect(running.length).toBeGreaterThanOrEqual(1);
  // Paused and resumed on the proposal's last Working Days before the clock's today (9 April 2021).
  const { id } = running.at(-1);
  expect((await app.gql(`mutation($id: ID!) { pauseAssessment(id: $id, from: "2021-04-06", reason: "awaiting a Service Provider") { id } }`, { id })).errors).toBeUndefined();
  expect((await app.gql(`mutation($id: ID!) { resumeAssessment(id: $id, on: "2021-04-08") { id } }`, { id })).errors).toBeUndefined();

  const BOARD = `query($statuses: [SlaStatus!], $asOf: LocalDate, $first: Int, $after: String, $type: AssessmentType) {
    assessments(first: $first, after: $after, filter: { statuses: $statuses, asOf: $asOf, type: $type }) {
      totalCount edges { cursor node { id type acceptedOn targetCompletionOn sla(asOf: $asOf) { status remainingWorkingDays } modification { reference title } } }
      pageInfo { hasNextPage endCursor } } }`;
  const random = seededRandom(2112);
  const STATUSES = ['AWAITING_ACCEPTANCE', 'ON_TRACK', 'DUE_SOON', 'OVERDUE', 'PAUSED', 'COMPLETED', 'COMPLETED_ON_TIME', 'COMPLETED_LATE'];
  let seen = 0;
  // The days a clock starts and stops on are where a status changes: judged on such days too.
  const returned = every.find((a: { returnedOn: string | null }) => a.returnedOn);
  const edges: Array<[string[], string]> = [
    [['ON_TRACK', 'AWAITING_ACCEPTANCE'], running.at(-1).acceptedOn],
    [['COMPLETED', 'COMPLETED_ON_TIME', 'COMPLETED_LATE', 'ON_TRACK', 'DUE_SOON', 'OVERDUE'], returned.returnedOn],
  ];
  for (let round = 0; round < 16; round++) {
    const statuses = round === 0 ? ['OVERDUE', 'DUE_SOON'] : edges[round - 1]?.[0] ?? STATUSES.filter(() => random() < 0.35);
    if (!statuses.length) statuses.push(STATUSES[round % STATUSES.length]!);
    const asOf = round === 0 ? null : edges[round - 1]?.[1] ?? new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 700) * 86_400_000).toISOString().slice(0, 10);
    const type = round % 4 === 3 ? 'IMPACT' : null;
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const answer = await bothAnswer(BOARD, { statuses, asOf, first: 4, after, type });
      expect({ statuses, asOf, taken: answer.taken, statements: answer.statements }).toEqual({ statuses, asOf, taken: true, statements: 1 });
      expect(answer.compiled).toEqual(answer.resolved);
      const { edges, pageInfo, totalCount } = answer.json.data.assessments;
      seen += edges.length;
      if (page === 0) expect(totalCount).toBeGreaterThanOrEqual(edges.length);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
  }
  // Not every judged page was empty: the rounds met real boards.
  expect(seen).toBeGreaterThan(10);
  // A page past the last still tells the board's total.
  const all = await bothAnswer(BOARD, { statuses: ['COMPLETED', 'COMPLETED_ON_TIME', 'COMPLETED_LATE'], asOf: '2021-04-09', first: 500 });
  const last = all.json.data.assessments;
  expect(last.totalCount).toBeGreaterThan(0);
  const past = await bothAnswer(BOARD, { statuses: ['COMPLETED', 'COMPLETED_ON_TIME', 'COMPLETED_LATE'], asOf: '2021-04-09', first: 5, after: last.edges.at(-1).cursor });
  expect(past.taken).toBe(true);
  expect(past.compiled).toEqual(past.resolved);
  expect(past.json.data.assessments).toMatchObject({ totalCount: last.totalCount, edges: [] });
});

test('a cost (a getter on the entity) and a phase on any day are answered by the one statement, as the resolvers answer them', async () => {
  // A cost in pence, and a proposal moved on twice in a day (the later recorded is its phase that day).
  const requested = await app.gql(`mutation { requestAssessment(input: { modification: "MP078", type: PRELIMINARY, requestedOn: "2021-03-01" }) { id } }`);
  const { id } = requested.data!.requestAssessment;
  expect((await app.gql(`mutation($id: ID!) { acceptAssessment(id: $id, acceptedOn: "2021-03-02") { id } }`, { id })).errors).toBeUndefined();
  expect((await app.gql(`mutation($id: ID!) { returnAssessment(id: $id, returnedOn: "2021-04-07", costGbp: 12345.67) { costGbp } }`, { id })).data)
    .toEqual({ returnAssessment: { costGbp: 12345.67 } });
  for (const [phase, on] of [['OPINE', '2021-04-09'], ['DECIDE', '2021-04-09']]) {
    const changed = await app.gql(`mutation($p: ModificationPhase!, $on: LocalDate!) { changePhase(reference: "MP078", phase: $p, on: $on) { phase } }`, { p: phase, on });
    expect(changed.errors).toBeUndefined();
  }
  const history = (await app.gql(`{ modifications(first: 100) { edges { node { reference raisedOn history { on } } } } }`)).data!.modifications.edges
    .flatMap((e: { node: { raisedOn: string | null; history: Array<{ on: string }> } }) => [e.node.raisedOn, ...e.node.history.map((h) => h.on)])
    .filter(Boolean) as string[];
  expect(history.length).toBeGreaterThan(10);
  const random = seededRandom(5);
  // The days phases change on, the days before them, and days at random.
  const pick = () => history[Math.floor(random() * history.length)]!;
  const days = ['2021-04-08', pick(), pick(), pick(), '2015-01-01', '2021-04-09', ...Array.from({ length: 3 }, () => {
    const d = new Date(Date.parse(`${pick()}T00:00:00Z`) - 86_400_000);
    return d.toISOString().slice(0, 10);
  })];
  for (const date of days) {
    const page = await bothAnswer(`query($date: LocalDate!) { modifications(first: 100) { edges { node { reference phase phaseOn(date: $date)
      history { on to } assessments { costGbp } } } } }`, { date });
    expect({ date, taken: page.taken, statements: page.statements }).toEqual({ date, taken: true, statements: 1 });
    expect(page.compiled).toEqual(page.resolved);
    expect(page.compiled.text).toContain('12345.67');
  }
  const phases = JSON.parse((await bothAnswer(`{ modifications(first: 100) { edges { node { early: phaseOn(date: "2015-01-01") now: phaseOn(date: "2021-04-09") } } } }`)).compiled.text)
    .data.modifications.edges.map((e: { node: { early: string | null; now: string | null } }) => e.node);
  // Before anything was raised: no phase; on the register's day: every proposal has one.
  expect(phases.every((p: { early: string | null }) => p.early === null)).toBe(true);
  expect(phases.every((p: { now: string | null }) => p.now !== null)).toBe(true);
});

test('a selection the one statement cannot shape (a page asking for its edges twice, under two aliases) goes to the resolvers, which answer as before', async () => {
  const answer = await bothAnswer(`{ modifications(first: 40) { a: edges { node { reference } } b: edges { cursor node { title } } } }`);
  expect(answer.taken).toBe(false);
  expect(answer.compiled).toEqual(answer.resolved);
  expect(answer.json.errors).toBeUndefined();
  expect(answer.json.data.modifications.a).toHaveLength(37);
});

test('text PostgreSQL writes as it is sent (quotes, backslashes, control characters, any script) is the same bytes the resolvers write', async () => {
  const requested = await app.gql(`mutation { requestAssessment(input: { modification: "MP107", type: IMPACT, requestedOn: "2021-03-01", targetWorkingDays: 20 }) { id } }`);
  expect(requested.errors).toBeUndefined();
  const { id } = requested.data!.requestAssessment;
  const awkward = 'Said "no" \\ then\nleft\ttab \u0001\u001f\u007f é ü 漢字 😀 \u2028 </script> \\u0000';
  await app.db.query(`UPDATE assessment SET commentary = $1 WHERE id = $2`, [awkward, id]);
  const one = await bothAnswer(`query($id: ID!) { assessment(id: $id) { id commentary modification { reference } } }`, { id });
  expect(one.taken).toBe(true);
  expect(one.compiled).toEqual(one.resolved);
  expect(one.json.data.assessment.commentary).toBe(awkward);
  const page = await bothAnswer(`{ modification(reference: "MP107") { assessments { id commentary } } }`);
  expect(page.taken).toBe(true);
  expect(page.compiled).toEqual(page.resolved);
  expect(page.compiled.text).toContain(JSON.stringify(awkward));
});

test('an alias as long as a column alias can be is compiled; a longer one is left to the resolvers; both answer the same bytes as the resolvers', async () => {
  const longest = `a${'_'.repeat(61)}z`;
  const tooLong = `b${'_'.repeat(62)}z`;
  const compiled = await bothAnswer(`{ modifications(first: 3) { edges { node { ${longest}: reference } } } }`);
  expect(compiled.taken).toBe(true);
  expect(compiled.compiled).toEqual(compiled.resolved);
  expect(compiled.json.data.modifications.edges[0].node[longest]).toMatch(/^[DM]P\d+$/);
  const resolved = await bothAnswer(`{ modifications(first: 3) { edges { node { ${tooLong}: reference } } } }`);
  expect(resolved.taken).toBe(false);
  expect(resolved.compiled).toEqual(resolved.resolved);
  expect(resolved.json.data.modifications.edges[0].node[tooLong]).toMatch(/^[DM]P\d+$/);
});

test('aliases named as the statement names its rows (t_answer, t_0_answer) are answered as any other alias: the same bytes as the resolvers', async () => {
  const one = await bothAnswer(`{ modification(reference: "MP107") { t_answer: reference t: title assessments { t_0_answer: id t_0: type } } }`);
  expect(one.taken).toBe(true);
  expect(one.compiled).toEqual(one.resolved);
  expect(one.json.data.modification.t_answer).toBe('MP107');
  expect(one.json.data.modification.assessments[0]).toEqual({ t_0_answer: expect.any(String), t_0: expect.any(String) });
  const page = await bothAnswer(`{ modifications(first: 2) { edges { node { t_answer: reference meetings { t_0_answer: date } } } } }`);
  expect(page.taken).toBe(true);
  expect(page.compiled).toEqual(page.resolved);
});

test('refusals and bad input answer the same errors either way, and nothing is compiled for them', async () => {
  const cases: Array<[string, string | null]> = [
    ['{ modifications(first: 501) { totalCount } }', app.keys.READER],
    [`{ modifications(filter: { search: "${'x'.repeat(301)}" }) { totalCount } }`, app.keys.READER],
    ['{ modifications(after: "not-a-cursor") { totalCount } }', app.keys.READER],
    ['{ modifications { totalCount } }', null],
    ['{ modifications { totalCount } }', 'sec_not_a_key'],
    ['query($first: Int) { modifications(first: $first) { totalCount } }', app.keys.READER],
  ];
  for (const [query, key] of cases) {
    const answer = await bothAnswer(query, query.includes('$first') ? { first: 'ten' } : undefined, key);
    expect(answer.taken).toBe(false);
    expect(JSON.parse(answer.compiled.text).errors).toHaveLength(1);
    expect(answer.compiled).toEqual(answer.resolved);
  }
});

test('targetCompletionOn and sla(asOf:) are answered by the one statement, as the resolvers answer them, on any day asked', async () => {
  // Pauses make the clock's arithmetic worth checking: one closed, one still open.
  const ids = (await app.gql(`{ assessments(first: 200) { edges { node { id acceptedOn returnedOn modification { reference } } } } }`)).data!.assessments.edges
    .map((e: { node: { id: string; acceptedOn: string | null; returnedOn: string | null } }) => e.node)
    .filter((a: { acceptedOn: string | null; returnedOn: string | null }) => a.acceptedOn && !a.returnedOn);
  expect(ids.length).toBeGreaterThanOrEqual(2);
  for (const [i, a] of ids.slice(0, 2).entries()) {
    const from = a.acceptedOn < '2021-03-01' ? '2021-03-01' : '2021-04-01';
    expect((await app.gql(`mutation($id: ID!, $from: LocalDate!) { pauseAssessment(id: $id, from: $from, reason: "awaiting the Service Providers") { id } }`, { id: a.id, from })).errors).toBeUndefined();
    if (i === 0) expect((await app.gql(`mutation($id: ID!) { resumeAssessment(id: $id, on: "2021-04-08") { id } }`, { id: a.id })).errors).toBeUndefined();
  }
  const random = seededRandom(21);
  const days = [null, ...Array.from({ length: 12 }, () => {
    const d = new Date(Date.UTC(2020, 5, 1) + Math.floor(random() * 600) * 86_400_000);
    return d.toISOString().slice(0, 10);
  })];
  const SLA = 'sla(asOf: $asOf) { __typename asOf status elapsedWorkingDays remainingWorkingDays } today: sla { status remainingWorkingDays }';
  for (const asOf of days) {
    const page = await bothAnswer(`query($asOf: LocalDate) { modifications(first: 40) { edges { node { reference assessments { id targetCompletionOn ${SLA} } } } } }`, { asOf });
    expect({ asOf, taken: page.taken, statements: page.statements }).toEqual({ asOf, taken: true, statements: 1 });
    expect(page.compiled).toEqual(page.resolved);
    const list = await bothAnswer(`query($asOf: LocalDate) { assessments(first: 200) { totalCount edges { node { id targetCompletionOn ${SLA} } } } }`, { asOf });
    expect(list.taken).toBe(true);
    expect(list.compiled).toEqual(list.resolved);
  }
  const one = await bothAnswer(`query($id: ID!) { assessment(id: $id) { targetCompletionOn sla(asOf: "2021-04-05") { status remainingWorkingDays } } }`, { id: ids[1].id });
  expect(one.taken).toBe(true);
  expect(one.compiled).toEqual(one.resolved);
  // The still-paused one has no target day while paused, and says PAUSED: the same either way.
  expect(JSON.parse(one.compiled.text).data.assessment).toEqual({ targetCompletionOn: null, sla: { status: 'PAUSED', remainingWorkingDays: expect.any(Number) } });
});

test("the black hole, a work package's lateness and meetings' deadlines are answered by the one statement, as the resolvers answer them, on any day asked", async () => {
  for (const [reference, month] of [['MP096', '2021-05'], ['MP117', '2021-03'], ['SECMP0028', '2021-06']] as const) {
    expect((await app.gql(`mutation($r: String!, $m: String!) { planWorkPackage(input: { modification: $r, tasks: ["Review with the Proposer"], returnToPanelMonth: $m }) { id } }`, { r: reference, m: month })).errors).toBeUndefined();
  }
  const random = seededRandom(7);
  const days = [null, '2021-05-31', '2021-06-01', ...Array.from({ length: 8 }, () => new Date(Date.UTC(2021, 0, 1) + Math.floor(random() * 365) * 86_400_000).toISOString().slice(0, 10))];
  for (const asOf of days) {
    const page = await bothAnswer(`query($asOf: LocalDate) { modifications(first: 50) { edges { node { reference refinementStalled(asOf: $asOf) now: refinementStalled
      workPackages { returnToPanelMonth overdue(asOf: $asOf) } meetings { date agendaDeadline papersDeadline } } } } }`, { asOf });
    expect({ asOf, taken: page.taken, statements: page.statements }).toEqual({ asOf, taken: true, statements: 1 });
    expect(page.compiled).toEqual(page.resolved);
  }
  const stalled = JSON.parse((await bothAnswer(`{ modifications(first: 50) { edges { node { reference refinementStalled(asOf: "2021-06-01") } } } }`)).compiled.text)
    .data.modifications.edges.filter((e: { node: { refinementStalled: boolean } }) => e.node.refinementStalled).map((e: { node: { reference: string } }) => e.node.reference);
  // MP096's package returns in May: stalled from 1 June; SECMP0028's in June: not yet.
  expect(stalled).toContain('MP096');
  expect(stalled).not.toContain('SECMP0028');
  const meetings = await bothAnswer(`{ meetings(from: "2021-04-01", to: "2021-06-30") { date agendaDeadline papersDeadline } workPackages { overdue }}`);
  expect(meetings.taken).toBe(true);
  expect(meetings.compiled).toEqual(meetings.resolved);
});
