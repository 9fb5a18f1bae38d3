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

/** A data source on this test's database; `options` are PostgreSQL settings for its sessions. */
function connect(options?: string): DataSource {
  const url = new URL(database.url);
  if (options) url.searchParams.set('options', options);
  return createDataSource({ url: url.toString() });
}

beforeEach(async () => {
  database = await createTestDatabase();
  db = connect();
  await db.initialize();
});
afterEach(async () => {
  await db.destroy();
  await database.drop();
});

type Facts = AssessmentFacts & { id: string };

/** A fixed id per position, so that a failure names the assessment the same way on every run. */
const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** Random but valid facts: pauses after acceptance, before the return, never overlapping, at most one open. */
function randomFacts(count: number, seed: number): Facts[] {
  const rnd = seededRandom(seed);
  const pick = (n: number) => Math.floor(rnd() * n);
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
    facts.push({ id: idOf(i), acceptedOn: accepted, returnedOn: returned, targetWorkingDays: target, pauses });
  }
  return facts;
}

/** Stores the random facts in three statements, whatever their number (one per table). */
async function seed(count: number, seed: number): Promise<Facts[]> {
  const facts = randomFacts(count, seed);
  const [{ id: modificationId }] = await db.query(`INSERT INTO modification (reference, kind, phase) VALUES ('MP001', 'MODIFICATION_PROPOSAL', 'REFINE') RETURNING id`);
  await db.query(
    `INSERT INTO assessment (id, modification_id, type, accepted_on, returned_on, target_working_days)
     SELECT a.id, $1, 'PRELIMINARY', a.accepted_on, a.returned_on, a.target
       FROM unnest($2::uuid[], $3::date[], $4::date[], $5::int[]) AS a(id, accepted_on, returned_on, target)`,
    [modificationId, facts.map((f) => f.id), facts.map((f) => f.acceptedOn), facts.map((f) => f.returnedOn), facts.map((f) => f.targetWorkingDays)],
  );
  const pauses = facts.flatMap((f) => f.pauses.map((p) => ({ id: f.id, ...p })));
  await db.query(
    `INSERT INTO assessment_pause (assessment_id, from_on, to_on, reason)
     SELECT p.id, p.from_on, p.to_on, 'r' FROM unnest($1::uuid[], $2::date[], $3::date[]) AS p(id, from_on, to_on)`,
    [pauses.map((p) => p.id), pauses.map((p) => p.from), pauses.map((p) => p.to)],
  );
  return facts;
}

async function stored(): Promise<Map<string, string>> {
  const rows: Array<{ assessment_id: string; status: string }> = await db.query(`SELECT assessment_id, status FROM assessment_sla`);
  return new Map(rows.map((r) => [r.assessment_id, r.status]));
}

function expected(facts: Facts[], day: LocalDate, calendar: WorkingCalendar = STANDARD_CALENDAR): Map<string, string> {
  return new Map(facts.map((f) => [f.id, slaOn(f, day, calendar, 3).status]));
}

/**
 * What one night left in assessment_sla, against the pure slaOn, in a single query: every row's
 * status must equal slaOn's for the day, and a row must carry the day as its as_of (the run wrote
 * it) exactly when its status changed since the night before. Returns the discrepancies, each
 * naming the assessment; none means the night was right.
 */
async function nightProblems(facts: Facts[], day: LocalDate, today: readonly string[], yesterday: readonly string[] | null): Promise<string[]> {
  const rows: Array<{ id: string; status: string | null; as_of: string | null }> = await db.query(
    `SELECT assessment_id AS id, status, as_of::text AS as_of FROM assessment_sla`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const problems: string[] = [];
  if (rows.length !== facts.length) problems.push(`${rows.length} rows in assessment_sla for ${facts.length} assessments`);
  facts.forEach((f, i) => {
    const row = byId.get(f.id);
    if (!row) return void problems.push(`#${i}: no row`);
    if (row.status !== today[i]) problems.push(`#${i}: stored ${row.status}, slaOn ${today[i]} (${JSON.stringify(f)})`);
    const changed = yesterday === null || today[i] !== yesterday[i];
    const written = row.as_of === day;
    if (written !== changed) problems.push(`#${i}: ${written ? 'written' : 'not written'} although its status ${changed ? 'changed' : 'did not change'} (${yesterday?.[i]} -> ${today[i]})`);
  });
  return problems;
}

/**
 * The recompute statement joins calendar_day (every day 1900-2200, about 110,000 rows) up to seven
 * times. Which join method the planner picks depends on statistics that autovacuum refreshes when it
 * pleases: with hash joins each run hashes the whole calendar, some 50 ms a night whatever the number
 * of candidates, and 240 nights then took about as long as jest's timeout on a loaded machine. Plans
 * never change results, so these sessions allow nested loops only: every night costs the same few
 * index probes per candidate, on any machine and whatever the statistics say. The other tests here
 * (and the API and job tests) keep the planner's own choice.
 */
const NESTED_LOOPS_ONLY = '-c enable_hashjoin=off -c enable_mergejoin=off';

test('night after night, the stored statuses equal slaOn, and only the rows whose day has come are written', async () => {
  await db.destroy();
  db = connect(NESTED_LOOPS_ONLY);
  await db.initialize();
  const facts = await seed(250, 7);
  const statusesOn = (day: LocalDate) => facts.map((f) => slaOn(f, day, STANDARD_CALENDAR, 3).status);
  let day: LocalDate = '2021-01-01';
  const first = await recomputeSlaStatuses(db, { asOf: day, dueSoonWorkingDays: 3 });
  expect(first).toMatchObject({ mode: 'full', examined: 250, changed: 250, written: 250 });
  let yesterday = statusesOn(day);
  expect({ day, problems: await nightProblems(facts, day, yesterday, null) }).toEqual({ day, problems: [] });
  let totalChanged = 0;
  for (let night = 0; night < 240; night++) {
    day = addDays(day, 1);
    const run = await recomputeSlaStatuses(db, { asOf: day, dueSoonWorkingDays: 3 });
    const today = statusesOn(day);
    const changes = today.filter((status, i) => status !== yesterday[i]).length;
    // Exact next-check days: the rows examined are exactly those whose status changes tonight,
    // and only those are written; every night, every stored status equals slaOn's.
    expect({ day, mode: run.mode, examined: run.examined, changed: run.changed, written: run.written, problems: await nightProblems(facts, day, today, yesterday) })
      .toEqual({ day, mode: 'incremental', examined: changes, changed: changes, written: changes, problems: [] });
    totalChanged += changes;
    yesterday = today;
  }
  expect(totalChanged).toBeGreaterThan(250);
  const transitions = await db.query(`SELECT count(*)::int AS n FROM sla_transition`);
  expect(transitions[0].n).toBe(250 + totalChanged);
}, 120_000); // a safety net only: the test takes a few seconds

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

test('a holiday run judges only the assessments whose clock spans the day, and leaves nothing a full run would change', async () => {
  const facts = await seed(150, 13);
  await recomputeSlaStatuses(db, { asOf: '2021-04-01', dueSoonWorkingDays: 3 });
  await recomputeSlaStatuses(db, { asOf: '2021-04-09', dueSoonWorkingDays: 3 });
  const holidays: LocalDate[] = [];
  // One ahead of the day (deadlines and next checks move), one behind it (counts already made move).
  for (const day of ['2021-04-20', '2021-03-17'] as LocalDate[]) {
    holidays.push(day);
    await db.query(`INSERT INTO holiday (holiday_on, name) VALUES ($1, 'One-off')`, [day]);
    await syncCalendarTable(db);
    const spanning = facts.filter((f) => f.acceptedOn && f.acceptedOn < day && (!f.returnedOn || f.returnedOn >= day)).length;
    const run = await recomputeSlaStatuses(db, { asOf: '2021-04-09', dueSoonWorkingDays: 3, spanning: [day] });
    expect({ day, mode: run.mode, examined: run.examined }).toEqual({ day, mode: 'holiday', examined: spanning });
    expect(spanning).toBeLessThan(facts.length);
    const calendar = createWorkingCalendar(holidays);
    expect(await stored()).toEqual(new Map(facts.map((f) => [f.id, slaOn(f, '2021-04-09', calendar, 3).status])));
    // Statuses and next check days both: a full run finds nothing to write.
    expect(await recomputeSlaStatuses(db, { asOf: '2021-04-09', dueSoonWorkingDays: 3, full: true })).toMatchObject({ written: 0, changed: 0 });
  }
  // The next night is incremental again, and right.
  expect((await recomputeSlaStatuses(db, { asOf: '2021-04-12', dueSoonWorkingDays: 3 })).mode).toBe('incremental');
  expect(await stored()).toEqual(new Map(facts.map((f) => [f.id, slaOn(f, '2021-04-12', createWorkingCalendar(holidays), 3).status])));
});
