import { snapshot } from '../support/db-snapshot';
import { startTestApp, TEST_RECIPIENTS, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

const GROUP = 'name addresses sections enabled version';
const groups = async () => (await app.gql(`{ recipientGroups { ${GROUP} } }`)).data!.recipientGroups;

test('a fresh install has the DCC and SECAS groups, addressed from configuration, with their default sections', async () => {
  expect(await groups()).toEqual([
    { name: 'DCC', addresses: TEST_RECIPIENTS.dcc, sections: ['CHANGES', 'ASSESSMENTS', 'CONSULTATIONS'], enabled: true, version: 1 },
    { name: 'SECAS', addresses: TEST_RECIPIENTS.secas, sections: ['CHANGES', 'ASSESSMENTS', 'CONSULTATIONS', 'MEETING_DEADLINES', 'REFINEMENT', 'CHANGE_STATUS_REPORT', 'MODIFICATION_TIMETABLES'], enabled: true, version: 1 },
  ]);
  // Seeding again (every start does) changes nothing an admin set.
  await app.gql(`mutation { updateRecipientGroup(name: "DCC", input: { enabled: false }) { version } }`);
  await app.services.recipientGroups.ensureDefaults({ db: app.db }, { dcc: ['other@dcc.test'], secas: ['other@secas.test'] });
  expect((await groups())[0]).toMatchObject({ name: 'DCC', addresses: TEST_RECIPIENTS.dcc, enabled: false, version: 2 });
  await app.gql(`mutation { updateRecipientGroup(name: "DCC", input: { enabled: true }) { version } }`);
});

test('an admin adds a group, changes its addresses and sections, and disables it', async () => {
  const created = await app.gql(`mutation { createRecipientGroup(input: { name: "Ofgem liaison", addresses: [" ofgem@ofgem.test ", "OFGEM@ofgem.test", "b@ofgem.test"], sections: [CONSULTATIONS, ASSESSMENTS] }) { ${GROUP} } }`);
  expect(created.errors).toBeUndefined();
  // Trimmed, one of each address whatever its case, sections in the digest's order.
  expect(created.data!.createRecipientGroup).toEqual({ name: 'Ofgem liaison', addresses: ['ofgem@ofgem.test', 'b@ofgem.test'], sections: ['ASSESSMENTS', 'CONSULTATIONS'], enabled: true, version: 1 });
  const updated = await app.gql(`mutation { updateRecipientGroup(name: "ofgem LIAISON", input: { addresses: ["desk@ofgem.test"], sections: [REFINEMENT], expectedVersion: 1 }) { ${GROUP} } }`);
  expect(updated.data!.updateRecipientGroup).toEqual({ name: 'Ofgem liaison', addresses: ['desk@ofgem.test'], sections: ['REFINEMENT'], enabled: true, version: 2 });
  const disabled = await app.gql(`mutation { updateRecipientGroup(name: "Ofgem liaison", input: { enabled: false }) { enabled version } }`);
  expect(disabled.data!.updateRecipientGroup).toEqual({ enabled: false, version: 3 });
  const stale = await app.gql(`mutation { updateRecipientGroup(name: "Ofgem liaison", input: { enabled: true, expectedVersion: 1 }) { enabled } }`);
  expect(stale.errors?.[0]).toMatchObject({ message: expect.stringContaining('has changed since you read it'), extensions: { code: 'BAD_USER_INPUT' } });
});

test.each([
  ['an address that is not one', `createRecipientGroup(input: { name: "X", addresses: ["dcc@dcc.test", "not an address"] })`, 'Not an email address: "not an address"'],
  ['an address with a display name', `createRecipientGroup(input: { name: "X", addresses: ["DCC <dcc@dcc.test>"] })`, 'Not an email address'],
  ['no address', `createRecipientGroup(input: { name: "X", addresses: [] })`, 'at least one email address'],
  ['no section', `createRecipientGroup(input: { name: "X", addresses: ["x@x.test"], sections: [] })`, 'at least one part of the digest'],
  ['a name taken in another case', `createRecipientGroup(input: { name: "dcc", addresses: ["x@x.test"] })`, 'already exists'],
  ['a name with markup', `createRecipientGroup(input: { name: "<b>x</b>", addresses: ["x@x.test"] })`, 'name must start with a letter'],
  ['a bad address in an update', `updateRecipientGroup(name: "SECAS", input: { addresses: ["secas@"] })`, 'Not an email address: "secas@"'],
  ['an unknown group', `updateRecipientGroup(name: "Nobody", input: { enabled: false })`, 'Recipient group "Nobody" does not exist'],
])('%s is refused with a clear error, and nothing changes', async (_what, mutation, message) => {
  const before = await snapshot(app.db);
  const res = await app.gql(`mutation { ${mutation} { name } }`);
  expect(res.errors?.[0].message).toContain(message);
  expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(res.errors?.[0].extensions?.code);
  expect(await snapshot(app.db)).toEqual(before);
});

test('only ADMIN keys see or change recipients, previews and messages', async () => {
  for (const role of ['DCC', 'READER'] as const) {
    for (const op of [`{ recipientGroups { name } }`, `{ digestPreview(group: "DCC", day: "2021-04-09") { subject } }`, `{ messages { totalCount } }`,
      `mutation { updateRecipientGroup(name: "DCC", input: { enabled: false }) { name } }`]) {
      expect((await app.gql(op, undefined, app.keys[role])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  }
});
