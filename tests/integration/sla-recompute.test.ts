import type { DataSource } from 'typeorm';
import { addDays, type LocalDate } from '../../src/calendar/local-date';
import { syncCalendarTable } from '../../src/calendar/calendar-table.service';
import { createWorkingCalendar, STANDARD_CALENDAR, type WorkingCalendar } from '../../src/calendar/working-calendar';
import { createDataSource } from '../../src/infra/database/data-source';
import { type AssessmentFacts, slaOn } from '../../src/sla/sla-calculator';
import { recomputeSlaStatuses } from '../../src/sla/sla-recompute.service';
import { createTestDatabase, type TestDatabase } from '../support/pg-admin';
import { seededRandom } from '../support/seeded-random';

let database: TestDatabase;
let db: DataSource;
beforeEach(async () => {
  database = await createTestDatabase();
  db = createDataSource({ url: database.url });
  await db.initialize();
});
afterEach(async () => {
  await db.destroy();
  await database.drop();
});

type Facts = AssessmentFacts & { id: string };

/** Random but valid facts: pauses after acceptance, before the return, never overlapping, at most one open. */
async function seed(count: number, seed: number): Promise<Facts[]> {
  const rnd = seededRandom(seed);
  const pick = (n: number) => Math.floor(rnd() * n);
  const [{ id: modificationId }] = await db.query(`INSERT INTO modification (reference, kind, phase) VALUES ('MP001', 'MODIFICATION_PROPOSAL', 'REFINE') RETURNING id`);
  const facts: Facts[] = [];
  for (let i = 0; i < count; i++) {
    const accepted = rnd() < 0.9 ? addDays('2021-01-04', pick(150)) : null;
    const target = [15, 40, 2][pick(3)];
    const pauses: Array<{ from: LocalDate; to: LocalDate | null }> = [];
    let cursor = accepted;
    if (accepted) {
      for (let p = 0; p < pick(3); p++) {
        const from = addDays(cursor!, 1 + pick(20));
        const open = rnd() < 0.2;
        const to = open ? null : addDays(from, 1 + pick(10));
        pauses.push({ from, to });
        if (!to) break;
        cursor = to;
      }
    }
    const lastPause = pauses.at(-1);
    const canReturn = accepted && (!lastPause || lastPause.to !== null);
    const returned = canReturn && rnd() < 0.5 ? addDays(lastPause?.to ?? accepted!, pick(60)) : accepted === null && rnd() < 0.3 ? addDays('2021-01-04', pick(200)) : null;
    const [{ id }] = await db.query(
      `INSERT INTO assessment (modification_id, type, accepted_on, returned_on, target_working_days) VALUES ($1, 'PRELIMINARY', $2, $3, $4) RETURNING id`,
      [modificationId, accepted, returned, target],
    );
    for (const p of pauses) await db.query(`INSERT INTO assessment_pause (assessment_id, from_on, to_on, reason) VALUES ($1, $2, $3, 'r')`, [id, p.from, p.to]);
    facts.push({ id, acceptedOn: accepted, returnedOn: returned, targetWorkingDays: target, pauses });
  }
  return facts;
}

async function stored(): Promise<Map<string, string>> {
  const rows: Array<{ assessment_id: string; status: string }> = await db.query(`SELECT assessment_id, status FROM assessment_sla`);
  return new Map(rows.map((r) => [r.assessment_id, r.status]));
}

function expected(facts: Facts[], day: LocalDate, calendar: WorkingCalendar = STANDARD_CALENDAR): Map<string, string> {
  return new Map(facts.map((f) => [f.id, slaOn(f, day, calendar, 3).status]));
}

test('night after night, the stored statuses equal slaOn, and only the rows whose day has come are written', async () => {
  const facts = await seed(250, 7);
  let day: LocalDate = '2021-01-01';
  const first = await recomputeSlaStatuses(db, { asOf: day, dueSoonWorkingDays: 3 });
  expect(first).toMatchObject({ mode: 'full', examined: 250 });
  expect(await stored()).toEqual(expected(facts, day));
  let totalChanged = 0;
  for (let night = 0; night < 240; night++) {
    day = addDays(day, 1);
    const run = await recomputeSlaStatuses(db, { asOf: day, dueSoonWorkingDays: 3 });
    expect([day, run.mode]).toEqual([day, 'incremental']);
    // Exact next-check days: every row examined changes status, and only those rows are written.
    expect([day, run.examined, run.written]).toEqual([day, run.changed, run.changed]);
    totalChanged += run.changed;
    if (night % 20 === 0 || run.changed > 0) expect([day, await stored()]).toEqual([day, expected(facts, day)]);
  }
  expect(totalChanged).toBeGreaterThan(250);
  const transitions = await db.query(`SELECT count(*)::int AS n FROM sla_transition`);
  expect(transitions[0].n).toBe(250 + totalChanged);
});

test('a second run for the same day changes nothing; a full run agrees with the incremental ones', async () => {
  const facts = await seed(120, 11);
  await recomputeSlaStatuses(db, { asOf: '2021-03-01', dueSoonWorkingDays: 3 });
  await recomputeSlaStatuses(db, { asOf: '2021-04-09', dueSoonWorkingDays: 3 });
  const again = await recomputeSlaStatuses(db, { asOf: '2021-04-09', dueSoonWorkingDays: 3 });
  expect(again).toMatchObject({ mode: 'incremental', examined: 0, written: 0, changed: 0 });
  const full = await recomputeSlaStatuses(db, { asOf: '2021-04-09', dueSoonWorkingDays: 3, full: true });
  expect(full).toMatchObject({ mode: 'full', examined: 120, written: 0, changed: 0 });
  expect(await stored()).toEqual(expected(facts, '2021-04-09'));
});

test('changed facts, an earlier day, a new threshold and a new holiday are all picked up', async () => {
  const facts = await seed(80, 5);
  await recomputeSlaStatuses(db, { asOf: '2021-04-09', dueSoonWorkingDays: 3 });
  // The DCC returns an open one: the trigger marks it, and the next night judges it.
  const open = facts.find((f) => f.acceptedOn && f.acceptedOn <= '2021-04-09' && !f.returnedOn && f.pauses.every((p) => p.to !== null && p.to <= '2021-04-12'))!;
  await db.query(`UPDATE assessment SET returned_on = '2021-04-12' WHERE id = $1`, [open.id]);
  open.returnedOn = '2021-04-12';
  const next = await recomputeSlaStatuses(db, { asOf: '2021-04-12', dueSoonWorkingDays: 3 });
  expect(next.mode).toBe('incremental');
  expect(await stored()).toEqual(expected(facts, '2021-04-12'));
  const [row] = await db.query(`SELECT from_status, to_status FROM sla_transition WHERE assessment_id = $1 ORDER BY id DESC LIMIT 1`, [open.id]);
  expect(row.to_status).toMatch(/^COMPLETED_/);

  expect((await recomputeSlaStatuses(db, { asOf: '2021-03-15', dueSoonWorkingDays: 3 })).mode).toBe('full');
  expect(await stored()).toEqual(expected(facts, '2021-03-15'));
  expect((await recomputeSlaStatuses(db, { asOf: '2021-03-16', dueSoonWorkingDays: 5 })).mode).toBe('full');
  expect(await stored()).toEqual(new Map(facts.map((f) => [f.id, slaOn(f, '2021-03-16', STANDARD_CALENDAR, 5).status])));

  await db.query(`INSERT INTO holiday (holiday_on, name) VALUES ('2021-03-17', 'One-off')`);
  await syncCalendarTable(db);
  expect((await recomputeSlaStatuses(db, { asOf: '2021-03-22', dueSoonWorkingDays: 5 })).mode).toBe('full');
  const withHoliday = createWorkingCalendar(['2021-03-17']);
  expect(await stored()).toEqual(new Map(facts.map((f) => [f.id, slaOn(f, '2021-03-22', withHoliday, 5).status])));
});
