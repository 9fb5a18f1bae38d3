import path from 'node:path';
import { Role } from '../../src/auth/role';
import { importRegisterFile } from '../../src/register-import';
import { startTestApp, type TestApp } from '../support/test-app';
import { testServiceContext } from '../support/service-context';

/**
 * Issue 9, "a page is one statement": the register's pages and single proposals are read in one SQL
 * statement whatever their size and nesting, and answer what the row-by-row path answers.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await importRegisterFile(testServiceContext(app.db), path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json'));
  // The April 2021 register prints no costs: one returned assessment gets the DCC's (a numeric, exact to the penny).
  await app.db.query(`UPDATE assessment SET cost_gbp = 48250.10 WHERE id = (SELECT id FROM assessment WHERE returned_on IS NOT NULL ORDER BY id LIMIT 1)`);
  // …and one accepted assessment a pause, as pauseAssessment records it.
  await app.db.query(`INSERT INTO assessment_pause (assessment_id, from_on, to_on, reason)
    SELECT id, accepted_on + 2, accepted_on + 9, 'Awaiting the proposer''s answers' FROM assessment WHERE accepted_on IS NOT NULL ORDER BY id LIMIT 1`);
});
afterAll(async () => { await app.stop(); });

/** Every nested list a proposal has, two levels down, and the fields read through getters. */
const NESTED = `reference title phase kind path raisedOn onHold version
  formerReferences { reference replacedOn } dependsOn { reference } targetRelease { name releaseDate modifications { reference } }
  assessments { id type changeRequest requestedOn acceptedOn returnedOn costGbp targetWorkingDays pauses { from to reason } modification { reference } }
  consultations { kind opensOn closesOn modification { reference } } decisions { body on outcome objectives }
  meetings { body date title agenda { reference phase } } history { from to on note } workPackages { returnToPanelMonth tasks completedOn }`;

/** SQL statements a request costs, with a key the process has checked before (the warm path). */
async function statementsOf(query: string, variables?: Record<string, unknown>, key = app.keys.READER) {
  await app.gql('{ __typename }', undefined, key);
  const before = app.statements.count;
  const res = await app.gql(query, variables, key);
  expect(res.errors).toBeUndefined();
  return { data: res.data!, statements: app.statements.count - before };
}

test('a page of 2 and a page of 37 proposals, every list nested, cost one statement each; the total costs none more', async () => {
  const page = `query($first: Int) { modifications(first: $first) { totalCount edges { node { ${NESTED} } } pageInfo { hasNextPage } } }`;
  const small = await statementsOf(page, { first: 2 });
  const large = await statementsOf(page, { first: 100 });
  expect(small.statements).toBe(1);
  expect(large.statements).toBe(1);
  expect(large.data.modifications.totalCount).toBe(37);
  expect(large.data.modifications.edges).toHaveLength(37);
  expect(large.data.modifications.edges.slice(0, 2)).toEqual(small.data.modifications.edges);
  const one = await statementsOf(`{ modification(reference: "mp107") { ${NESTED} } }`);
  expect(one.statements).toBe(1);
  expect(one.data.modification.reference).toBe('MP107');
});

test('fields computed on the Working Day calendar cost no statement once the calendar is read; a key never seen costs one', async () => {
  const computed = `{ modifications(first: 100) { edges { node { reference refinementStalled(asOf: "2021-04-09")
    assessments { targetCompletionOn sla(asOf: "2021-04-09") { status remainingWorkingDays } }
    meetings { agendaDeadline papersDeadline } workPackages { overdue(asOf: "2021-04-09") } } } } }`;
  await statementsOf(computed);
  const warm = await statementsOf(computed);
  expect(warm.statements).toBe(1);
  const slas = warm.data.modifications.edges.flatMap((e: any) => e.node.assessments.map((a: any) => a.sla.status));
  expect(new Set(slas).size).toBeGreaterThan(1);

  // A key this process has not checked yet: read once (and its use noted), then kept.
  const { key } = await app.services.apiKeys.create('page-statements reader', Role.READER);
  const before = app.statements.count;
  expect((await app.gql(computed, undefined, key)).errors).toBeUndefined();
  expect(app.statements.count - before).toBe(2);
  expect((await statementsOf(computed, undefined, key)).statements).toBe(1);
});

test('fields worked out from the same facts (targetCompletionOn, sla, sla again under an alias) have them in the statement once', async () => {
  const read = await statementsOf(`{ modifications(first: 100) { edges { node {
    assessments { id targetCompletionOn sla(asOf: "2021-04-09") { status } later: sla(asOf: "2021-03-01") { status remainingWorkingDays } } } } } }`);
  expect(read.statements).toBe(1);
  // The assessment's clock facts are its row's columns and its pauses: one subquery of them, not three.
  expect(app.statements.last.match(/assessment_pause/g)).toHaveLength(1);
  // Each field is still worked out for itself: the alias answers what its day asked alone answers.
  const alone = await statementsOf(`{ modifications(first: 100) { edges { node { assessments { id sla(asOf: "2021-03-01") { status remainingWorkingDays } targetCompletionOn } } } } }`);
  const byId = (data: any, pick: (a: any) => unknown) => Object.fromEntries(data.modifications.edges.flatMap((e: any) => e.node.assessments.map((a: any) => [a.id, pick(a)])));
  expect(byId(read.data, (a) => [a.later, a.targetCompletionOn])).toEqual(byId(alone.data, (a) => [a.sla, a.targetCompletionOn]));
  const days = Object.values(byId(read.data, (a) => [a.sla.status, a.later.status]));
  expect(days.some(([april, march]: any) => april !== march)).toBe(true);
});

test('a page with no computed field is read as the text it is sent as; a page with one is read as JSON, to be worked out first', async () => {
  // Rows pg parsed only to be written back out as the same JSON were most of a large page's allocations.
  const plain = await statementsOf(`{ modifications(first: 100) { edges { node { reference assessments { id acceptedOn } } } } }`);
  expect(plain.statements).toBe(1);
  expect(app.statements.last).toMatch(/::text AS row/);
  const one = await statementsOf(`{ modification(reference: "MP107") { reference assessments { id } } }`);
  expect(one.data.modification.reference).toBe('MP107');
  expect(app.statements.last).toMatch(/::text AS row/);
  const computed = await statementsOf(`{ modifications(first: 100) { edges { node { reference assessments { id acceptedOn targetCompletionOn } } } } }`);
  expect(computed.statements).toBe(1);
  expect(app.statements.last).not.toMatch(/::text AS row/);
  // The same rows either way: the text sent as written is the answer, not a copy of another shape.
  const pick = (data: any) => data.modifications.edges.map((e: any) => [e.node.reference, e.node.assessments.map((a: any) => [a.id, a.acceptedOn])]);
  expect(pick(plain.data)).toEqual(pick(computed.data));
  expect(computed.data.modifications.edges.flatMap((e: any) => e.node.assessments).some((a: any) => a.targetCompletionOn !== null)).toBe(true);
});

test('reads whose plan is the same for every value are kept prepared; a search, a day or a status filter is planned for its values', async () => {
  const PREPARED = /^\/\* prepared \*\/ /;
  const kept = [
    `{ modification(reference: "mp107") { reference assessments { id } } }`,
    `{ modifications(first: 5) { totalCount edges { node { reference } } } }`,
    `{ assessments(first: 5, filter: { type: IMPACT }) { edges { node { id } } } }`,
    `{ releases { name modifications { reference } } }`,
    `{ meetings { date agenda { reference } } }`,
    // The resolvers' own page (edges asked twice cannot be compiled) is kept the same way.
    `{ modifications(first: 5) { a: edges { node { reference } } b: edges { cursor } } }`,
  ];
  for (const query of kept) {
    expect((await statementsOf(query)).statements).toBe(1);
    expect({ query, sql: app.statements.last }).toEqual({ query, sql: expect.stringMatching(PREPARED) });
  }
  const planned = [
    `{ modifications(first: 5, filter: { search: "smart" }) { edges { node { reference } } } }`,
    `{ modifications(first: 5, filter: { asOf: "2021-03-01" }) { edges { node { reference } } } }`,
    `{ assessments(first: 5, filter: { statuses: [OVERDUE] }) { edges { node { id } } } }`,
    `{ meetings(from: "2021-04-01") { date } }`,
  ];
  for (const query of planned) {
    await statementsOf(query);
    expect({ query, sql: app.statements.last }).toEqual({ query, sql: expect.not.stringMatching(PREPARED) });
  }
});

test('what one statement brings is what the row-by-row path answers: dates, costs, pauses, agendas, order', async () => {
  // The assessments root reads its page with the batch loaders; the proposals page brings them nested.
  const nested = await app.gql(`{ modifications(first: 100) { edges { node { reference
      assessments { id type changeRequest requestedOn acceptedOn returnedOn costGbp targetWorkingDays expectedCompletionOn commentary pauses { from to reason } }
      meetings { body date title agenda { reference } } } } } }`, undefined, app.keys.READER);
  const flat = await app.gql(`{ assessments(first: 500) { edges { node { modification { reference }
      id type changeRequest requestedOn acceptedOn returnedOn costGbp targetWorkingDays expectedCompletionOn commentary pauses { from to reason } } } }
      meetings { body date title agenda { reference } } }`, undefined, app.keys.READER);
  expect(nested.errors).toBeUndefined();
  expect(flat.errors).toBeUndefined();
  const byId = (list: Array<{ id: string }>) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  const nestedAssessments = nested.data!.modifications.edges.flatMap((e: any) => e.node.assessments);
  const flatAssessments = flat.data!.assessments.edges.map((e: any) => {
    const { modification: _m, ...rest } = e.node;
    return rest;
  });
  expect(nestedAssessments.length).toBeGreaterThan(10);
  expect(byId(nestedAssessments)).toEqual(byId(flatAssessments));
  expect(nestedAssessments.some((a: any) => a.costGbp !== null)).toBe(true);
  expect(nestedAssessments.some((a: any) => a.pauses.length > 0)).toBe(true);
  // Each proposal's meetings are the meetings whose agenda lists it, oldest first.
  for (const { node } of nested.data!.modifications.edges) {
    const expected = flat.data!.meetings
      .filter((m: any) => m.agenda.some((a: any) => a.reference === node.reference))
      .sort((a: any, b: any) => a.date.localeCompare(b.date) || a.body.localeCompare(b.body));
    expect(node.meetings).toEqual(expected);
  }
});
