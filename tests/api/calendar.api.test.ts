import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app.stop(); });

test('addWorkingDays counts Working Days after the date (the SPEC example)', async () => {
  const res = await app.gql(`{ addWorkingDays(date: "2021-03-09", days: 15) }`, undefined, app.keys.READER);
  expect(res.errors).toBeUndefined();
  expect(res.data).toEqual({ addWorkingDays: '2021-03-30' });
});

test('Good Friday and Easter Monday are not Working Days; a day between them counts', async () => {
  const res = await app.gql(`{
    goodFriday: isWorkingDay(date: "2021-04-02")
    easterMonday: isWorkingDay(date: "2021-04-05")
    tuesday: isWorkingDay(date: "2021-04-06")
    between: workingDaysBetween(from: "2021-04-01", to: "2021-04-06")
  }`);
  expect(res.data).toEqual({ goodFriday: false, easterMonday: false, tuesday: true, between: 1 });
});

test('an admin-added holiday moves deadlines at once', async () => {
  const before = await app.gql(`{ addWorkingDays(date: "2031-09-15", days: 5) }`);
  expect(before.data?.addWorkingDays).toBe('2031-09-22');
  const added = await app.gql(`mutation { addHoliday(date: "2031-09-19", name: "A one-off") }`);
  expect(added.data).toEqual({ addHoliday: true });
  const after = await app.gql(`{ addWorkingDays(date: "2031-09-15", days: 5) isWorkingDay(date: "2031-09-19") }`);
  expect(after.data).toEqual({ addWorkingDays: '2031-09-23', isWorkingDay: false });
});

test('a malformed date is refused as BAD_USER_INPUT, literal or variable', async () => {
  const literal = await app.gql(`{ isWorkingDay(date: "2021-02-30") }`);
  expect(literal.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(literal.errors?.[0].message).toContain('2021-02-30');
  const variable = await app.gql(`query($d: LocalDate!) { isWorkingDay(date: $d) }`, { d: '09/04/2021' });
  expect(variable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});
