import type { DataSource } from 'typeorm';
import { syncCalendarTable } from '../../src/calendar/calendar-table.service';
import { createWorkingCalendar, STANDARD_CALENDAR } from '../../src/calendar/working-calendar';
import { createDataSource } from '../../src/infra/database/data-source';
import { createTestDatabase, type TestDatabase } from '../support/pg-admin';

let database: TestDatabase;
let db: DataSource;
beforeAll(async () => {
  database = await createTestDatabase();
  db = createDataSource({ url: database.url });
  await db.initialize();
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

async function sqlDays(from: string, to: string): Promise<Array<{ day: string; is_working: boolean; wd_number: number }>> {
  return db.query(`SELECT day::text, is_working, wd_number FROM calendar_day WHERE day BETWEEN $1 AND $2 ORDER BY day`, [from, to]);
}

test('the SQL calendar and src/calendar agree on every day from 2019 to 2030', async () => {
  const rows = await sqlDays('2018-12-31', '2030-12-31');
  expect(rows).toHaveLength(4384);
  const base = rows[0];
  for (const row of rows.slice(1)) {
    expect([row.day, row.is_working]).toEqual([row.day, STANDARD_CALENDAR.isWorkingDay(row.day)]);
    expect([row.day, row.wd_number - base.wd_number]).toEqual([row.day, STANDARD_CALENDAR.workingDaysBetween(base.day, row.day)]);
  }
  // addWorkingDays by lookup: the Working Day whose number is n more.
  const [{ day }] = await db.query(
    `SELECT t.day::text FROM calendar_day s JOIN calendar_day t ON t.is_working AND t.wd_number = s.wd_number + 15 WHERE s.day = '2021-03-09'`,
  );
  expect(day).toBe('2021-03-30');
});

test('an admin holiday rebuilds the table; an unchanged register does not', async () => {
  expect(await syncCalendarTable(db)).toBe(false);
  await db.query(`INSERT INTO holiday (holiday_on, name) VALUES ('2030-06-12', 'A one-off')`);
  expect(await syncCalendarTable(db)).toBe(true);
  const calendar = createWorkingCalendar(['2030-06-12']);
  const rows = await sqlDays('2030-06-01', '2030-06-30');
  for (const row of rows.slice(1)) {
    expect([row.day, row.is_working, row.wd_number - rows[0].wd_number]).toEqual([row.day, calendar.isWorkingDay(row.day), calendar.workingDaysBetween(rows[0].day, row.day)]);
  }
  expect(rows.find((r) => r.day === '2030-06-12')?.is_working).toBe(false);
});
