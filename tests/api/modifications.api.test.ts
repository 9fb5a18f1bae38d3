import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app.stop(); });

const CREATE = `mutation($input: CreateModificationInput!) { createModification(input: $input) { id reference kind phase version history { from to on } } }`;

async function create(reference: string, extra: Record<string, unknown> = {}) {
  const res = await app.gql(CREATE, { input: { reference, title: `Title of ${reference}`, kind: 'DRAFT_PROPOSAL', raisedOn: '2021-03-01', ...extra } });
  expect(res.errors).toBeUndefined();
  return res.data!.createModification;
}

test('a new Draft Proposal starts in DEFINE with its first history row', async () => {
  const m = await create('DP900');
  expect(m).toMatchObject({ reference: 'DP900', kind: 'DRAFT_PROPOSAL', phase: 'DEFINE', version: 1 });
  expect(m.history).toEqual([{ from: null, to: 'DEFINE', on: '2021-03-01' }]);
});

test('phase changes follow the lifecycle, are recorded, and convert a Draft Proposal', async () => {
  await create('DP901');
  const moved = await app.gql(`mutation { changePhase(reference: "DP901", phase: REFINE, on: "2021-04-09", note: "Panel converted it") { kind phase history { from to on note } } }`);
  expect(moved.errors).toBeUndefined();
  expect(moved.data!.changePhase).toEqual({
    kind: 'MODIFICATION_PROPOSAL',
    phase: 'REFINE',
    history: [
      { from: null, to: 'DEFINE', on: '2021-03-01', note: 'Raised' },
      { from: 'DEFINE', to: 'REFINE', on: '2021-04-09', note: 'Panel converted it' },
    ],
  });
  const refused = await app.gql(`mutation { changePhase(reference: "DP901", phase: IMPLEMENTED, on: "2021-04-09") { phase } }`);
  expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(refused.errors?.[0].message).toBe('DP901 cannot move from REFINE to IMPLEMENTED: from REFINE it may move to OPINE, REJECTED, WITHDRAWN');
  const backdated = await app.gql(`mutation { changePhase(reference: "DP901", phase: OPINE, on: "2021-04-01") { phase } }`);
  expect(backdated.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const after = await app.gql(`{ modification(reference: "DP901") { phase history { to } } }`);
  expect(after.data!.modification).toEqual({ phase: 'REFINE', history: [{ to: 'DEFINE' }, { to: 'REFINE' }] });
});

test('updates set dependencies and release, refuse cycles, and refuse a stale version', async () => {
  await create('MP910', { kind: 'MODIFICATION_PROPOSAL' });
  await create('MP911', { kind: 'MODIFICATION_PROPOSAL' });
  const release = await app.gql(`mutation { createRelease(input: { name: "June 2031 SEC Release", kind: SCHEDULED, releaseDate: "2031-06-26" }) { id } }`);
  expect(release.errors).toBeUndefined();
  const updated = await app.gql(`mutation { updateModification(reference: "MP910", input: { dependsOn: ["MP911"], targetRelease: "June 2031 SEC Release", onHold: true, onHoldReason: "Waits on MP911" }) { version onHold dependsOn { reference } targetRelease { name modifications { reference } } } }`);
  expect(updated.errors).toBeUndefined();
  expect(updated.data!.updateModification).toEqual({
    version: 2, onHold: true, dependsOn: [{ reference: 'MP911' }],
    targetRelease: { name: 'June 2031 SEC Release', modifications: [{ reference: 'MP910' }] },
  });
  const cycle = await app.gql(`mutation { updateModification(reference: "MP911", input: { dependsOn: ["MP910"] }) { reference } }`);
  expect(cycle.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(cycle.errors?.[0].message).toContain('already waits on MP911');
  const stale = await app.gql(`mutation { updateModification(reference: "MP910", input: { title: "New", expectedVersion: 1 }) { title } }`);
  expect(stale.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(stale.errors?.[0].message).toContain('has changed since you read it');
  const unchanged = await app.gql(`{ modification(reference: "MP910") { title version } modification911: modification(reference: "MP911") { dependsOn { reference } } }`);
  expect(unchanged.data).toEqual({ modification: { title: 'Title of MP910', version: 2 }, modification911: { dependsOn: [] } });
});

test('the list pages by reference with cursors and filters', async () => {
  for (const ref of ['MP920', 'MP921', 'MP922', 'MP923', 'MP924']) await create(ref, { kind: 'MODIFICATION_PROPOSAL', title: `Smart thing ${ref}` });
  const q = `query($after: String) { modifications(filter: { search: "smart thing" }, first: 2, after: $after) { totalCount edges { node { reference } } pageInfo { hasNextPage endCursor } } }`;
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 5; page++) {
    const res: any = await app.gql(q, { after });
    expect(res.data.modifications.totalCount).toBe(5);
    seen.push(...res.data.modifications.edges.map((e: any) => e.node.reference));
    if (!res.data.modifications.pageInfo.hasNextPage) break;
    after = res.data.modifications.pageInfo.endCursor;
  }
  expect(seen).toEqual(['MP920', 'MP921', 'MP922', 'MP923', 'MP924']);
  const drafts = await app.gql(`{ modifications(filter: { kind: DRAFT_PROPOSAL, phases: [DEFINE] }) { edges { node { reference } } } }`);
  expect(drafts.data!.modifications.edges.map((e: any) => e.node.reference)).toEqual(['DP900']);
});

test('nested lists cost the same number of SQL statements for 2 proposals as for 20', async () => {
  for (let i = 0; i < 20; i++) await create(`MP95${String(i).padStart(2, '0')}`, { kind: 'MODIFICATION_PROPOSAL' });
  const q = `query($first: Int) { modifications(filter: { search: "MP95" }, first: $first) { edges { node {
      reference dependsOn { reference } targetRelease { name } history { to }
      assessments { type sla(asOf: "2021-04-09") { status } pauses { from } modification { reference } }
      consultations { kind } decisions { outcome } meetings { date agenda { reference } } workPackages { tasks }
  } } } }`;
  for (const ref of ['MP9500', 'MP9501']) {
    await app.gql(`mutation { requestAssessment(input: { modification: "${ref}", type: PRELIMINARY, requestedOn: "2021-03-01" }) { id } }`);
  }
  const count = async (first: number) => {
    const before = app.statements.count;
    const res = await app.gql(q, { first });
    expect(res.errors).toBeUndefined();
    expect(res.data!.modifications.edges).toHaveLength(first);
    return app.statements.count - before;
  };
  // The first read of a process also reads the holiday calendar, then keeps it.
  await count(2);
  const small = await count(2);
  const large = await count(20);
  expect(large).toBe(small);
  expect(small).toBeLessThanOrEqual(16);
});
