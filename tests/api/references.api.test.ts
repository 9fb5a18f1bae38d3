import { fixedClock } from '../../src/infra/clock';
import path from 'node:path';
import { importRegisterFile } from '../../src/register-import';
import { snapshot } from '../support/db-snapshot';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

/** Issue 8, "references that differ in case coexist" and "a converted DP keeps its DP reference". */
const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');
let app: TestApp;
beforeAll(async () => {
  // A week after the April 2021 file's date: a conversion made since is newer than the file.
  app = await startTestApp({ clock: fixedClock(new Date('2021-04-16T09:00:00Z')) });
  await importRegisterFile(testServiceContext(app.db), DEMO);
});
afterAll(async () => {
  await app?.stop();
});

test('a reference is one whatever its case: mp107 finds MP107, and cannot be created beside it', async () => {
  expect((await app.gql(`{ modification(reference: "mp107") { reference } }`, undefined, app.keys.READER)).data).toEqual({ modification: { reference: 'MP107' } });
  const before = await snapshot(app.db);
  const clash = await app.gql(`mutation { createModification(input: { reference: "mp107", title: "Again", kind: MODIFICATION_PROPOSAL }) { id } }`);
  expect(clash.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('A proposal with reference mp107 already exists') });
  expect(await snapshot(app.db)).toEqual(before);
  // Even past the service's check (two clients racing), the database refuses it, in the register's words.
  await expect(app.db.query(`INSERT INTO modification (reference, kind, phase) VALUES ('Mp107', 'MODIFICATION_PROPOSAL', 'DEFINE')`)).rejects.toThrow(/modification_reference_ci/);
});

test('converting a Draft Proposal gives it its MP reference; the DP still finds it, and its lineage shows', async () => {
  const converted = await app.gql(`mutation { convertDraftProposal(reference: "DP153", newReference: "MP153", on: "2021-04-16") { reference kind version formerReferences { reference replacedOn } } }`);
  expect(converted.errors).toBeUndefined();
  expect(converted.data!.convertDraftProposal).toMatchObject({ reference: 'MP153', kind: 'MODIFICATION_PROPOSAL', formerReferences: [{ reference: 'DP153', replacedOn: '2021-04-16' }] });
  const found = await app.gql(`{ modification(reference: "DP153") { reference history { to } } }`, undefined, app.keys.READER);
  expect(found.data!.modification.reference).toBe('MP153');
  // Its history came with it; mutations by the old reference reach it too.
  expect(found.data!.modification.history.length).toBeGreaterThan(0);
  const updated = await app.gql(`mutation { updateModification(reference: "dp153", input: { title: "Follow up changes for Communications Hub Finance Charges (MP)" }) { reference title } }`);
  expect(updated.data!.updateModification).toEqual({ reference: 'MP153', title: 'Follow up changes for Communications Hub Finance Charges (MP)' });

  // Re-importing the April 2021 file (which still says DP153, DEFINE, Draft Proposal) adds no DP153 and undoes nothing.
  const summary = await importRegisterFile(testServiceContext(app.db), DEMO);
  expect(summary.modifications.created).toBe(0);
  const [row] = await app.db.query(`SELECT reference, kind, title FROM modification WHERE lower(reference) IN ('dp153', 'mp153')`);
  expect(row).toEqual({ reference: 'MP153', kind: 'MODIFICATION_PROPOSAL', title: 'Follow up changes for Communications Hub Finance Charges (MP)' });
});

test.each([
  ['MP107', 'MP900', 'MP107 is a Modification Proposal already'],
  ['DP156', 'mp107', 'The reference mp107 is taken'],
  ['DP156', 'MP 156', 'newReference must be letters then digits'],
  ['DP999', 'MP999', 'Proposal "DP999" does not exist'],
])('converting %s to %s is refused (%s), and nothing changes', async (reference, newReference, message) => {
  const before = await snapshot(app.db);
  const res = await app.gql(`mutation($r: String!, $n: String!) { convertDraftProposal(reference: $r, newReference: $n) { reference } }`, { r: reference, n: newReference });
  expect(res.errors?.[0].message).toContain(message);
  expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(res.errors?.[0].extensions?.code);
  expect(await snapshot(app.db)).toEqual(before);
});
