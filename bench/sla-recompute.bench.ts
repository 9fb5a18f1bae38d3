import 'reflect-metadata';
import { spawn } from 'node:child_process';

import { admin, BENCH_SERVER, withDatabase } from './bench-server';
import { syncCalendarTable } from '../src/calendar/calendar-table.service';
import { addDays } from '../src/calendar/local-date';
import { openDatabase } from '../src/infra/database/data-source';
import { recomputeSlaStatuses } from '../src/sla/sla-recompute.service';

/**
 * npm run bench:sla — the nightly SLA recompute at a million assessments.
 *
 * The register accumulates: a million assessments accepted over ten years, most long returned,
 * about 2% open, one in ten paused once. After a first full run for `DAY`, the nightly run for the
 * next day is timed in a process of its own (its peak RSS is the worker's), beside one full
 * set-based UPDATE of every row's status: the floor a design that rewrites every row pays.
 *
 * BENCH_DATABASE_URL names a PostgreSQL server (default: the local one); the bench creates and
 * drops its own database there. BENCH_ASSESSMENTS changes the count (default 1,000,000).
 */
const COUNT = Number(process.env.BENCH_ASSESSMENTS ?? 1_000_000);
const DAY = '2026-11-20';
const DUE_SOON = 3;
const DATABASE = 'sec_tracker_bench';

async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  const ms = Math.round(performance.now() - t0);
  console.log(`  ${label}: ${ms} ms`);
  return { value, ms };
}

/** The nightly run, alone in a child process, so that its peak RSS is what a worker would need. */
function nightlyInChild(url: string, asOf: string): Promise<{ result: Awaited<ReturnType<typeof recomputeSlaStatuses>>; wallMs: number; maxRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, '--nightly', url, asOf], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`nightly run exited ${code}`))));
  });
}

async function childMain(url: string, asOf: string): Promise<void> {
  const db = await openDatabase({ url, poolSize: 2 });
  const t0 = performance.now();
  const result = await recomputeSlaStatuses(db, { asOf, dueSoonWorkingDays: DUE_SOON });
  const wallMs = Math.round(performance.now() - t0);
  await db.destroy();
  console.log(JSON.stringify({ result, wallMs, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

async function main(): Promise<void> {
  console.log(`SLA recompute benchmark: ${COUNT.toLocaleString('en-GB')} assessments, nightly run for ${addDays(DAY, 1)}`);
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DATABASE}`);
  const url = withDatabase(BENCH_SERVER, DATABASE);
  const db = await openDatabase({ url, poolSize: 2 });
  try {
    await syncCalendarTable(db);
    await timed('generate assessments', async () => {
      await db.query(`SELECT setseed(0.42)`);
      await db.query(`INSERT INTO modification (reference, kind, phase) SELECT 'MP' || g, 'MODIFICATION_PROPOSAL', 'REFINE' FROM generate_series(1, 1000) g`);
      await db.query(
        `INSERT INTO assessment (modification_id, type, accepted_on, returned_on, target_working_days)
         SELECT m.id, CASE WHEN g % 3 = 0 THEN 'IMPACT' ELSE 'PRELIMINARY' END, acc,
                -- Most were returned long ago; those accepted in the last ~90 days are mostly open.
                CASE WHEN acc < $1::date - 90 OR random() < 0.3 THEN LEAST(acc + (10 + floor(random() * 70))::int, $1::date) END,
                CASE WHEN g % 3 = 0 THEN 40 ELSE 15 END
           FROM generate_series(1, $2::int) g
           JOIN LATERAL (SELECT $1::date - floor(random() * 3650)::int + (g % 2) * 0 AS acc) d ON true
           JOIN modification m ON m.reference = 'MP' || (1 + g % 1000)`,
        [DAY, COUNT],
      );
      await db.query(
        `INSERT INTO assessment_pause (assessment_id, from_on, to_on, reason)
         SELECT id, accepted_on + 2, accepted_on + 2 + (1 + floor(random() * 10))::int, 'awaiting clarification'
           FROM assessment WHERE random() < 0.1 AND (returned_on IS NULL OR returned_on > accepted_on + 13)`,
      );
      await db.query(`ANALYZE`);
    });
    const [{ open }] = await db.query(`SELECT count(*)::int AS open FROM assessment WHERE returned_on IS NULL OR returned_on > $1`, [DAY]);
    console.log(`  open on ${DAY}: ${open.toLocaleString('en-GB')}`);
    const first = await timed(`first (full) run for ${DAY}`, () => recomputeSlaStatuses(db, { asOf: DAY, dueSoonWorkingDays: DUE_SOON }));
    console.log(`    examined ${first.value.examined}, written ${first.value.written}`);
    await db.query(`VACUUM ANALYZE assessment_sla`);

    // Measured first, so that it reads the same warm cache the full UPDATE will.
    const nightly = await nightlyInChild(url, addDays(DAY, 1));
    const naive = await timed('full UPDATE of every status (rolled back)', async () => {
      const runner = db.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(`UPDATE assessment_sla SET status = status, as_of = $1::date`, [addDays(DAY, 1)]);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });

    // A holiday added twelve days ahead: before issue 21 it cost a full recompute; now a run of
    // the assessments whose clock spans the day. The holiday run goes first (it writes what moved);
    // the full run after it judges every row and writes what changed (nothing: which shows the
    // holiday run complete). That full run is issue 21's "full recompute <= one bare full UPDATE".
    // The first run after seeding writes every row (there is no status yet): printed, once only.
    const holiday = addDays(DAY, 12);
    const nextDay = addDays(DAY, 1);
    await db.query(`INSERT INTO holiday (holiday_on, name) VALUES ($1, 'Bench one-off')`, [holiday]);
    await syncCalendarTable(db);
    const holidayRun = await timed(`holiday run, assessments spanning ${holiday}`,
      () => recomputeSlaStatuses(db, { asOf: nextDay, dueSoonWorkingDays: DUE_SOON, spanning: [holiday] }));
    const fullForHoliday = await timed('full recompute after it (what the holiday cost before)',
      () => recomputeSlaStatuses(db, { asOf: nextDay, dueSoonWorkingDays: DUE_SOON, full: true }));
    console.log(`    holiday run: examined ${holidayRun.value.examined}, written ${holidayRun.value.written}; full run: examined ${fullForHoliday.value.examined}, written ${fullForHoliday.value.written}`);

    const ratio = nightly.wallMs / naive.ms;
    const rows = [
      ['nightly recompute, wall time', `${nightly.wallMs} ms`, `<= 0.05 x full UPDATE = ${Math.round(naive.ms * 0.05)} ms`, ratio <= 0.05],
      ['full UPDATE of every row', `${naive.ms} ms`, '', true],
      ['ratio nightly / full UPDATE', ratio.toFixed(4), '<= 0.05', ratio <= 0.05],
      ['rows examined', String(nightly.result.examined), '', true],
      ['rows written', String(nightly.result.written), `= rows changed`, nightly.result.written === nightly.result.changed],
      ['rows whose status changed', String(nightly.result.changed), '', true],
      ['worker peak RSS', `${nightly.maxRssMb} MB`, '< 300 MB', nightly.maxRssMb < 300],
      ['first run (every row new)', `${first.ms} ms`, `(once) ${(first.ms / naive.ms).toFixed(2)} x full UPDATE`, true],
      ['full recompute', `${fullForHoliday.ms} ms`, `<= 1.0 x full UPDATE: ${(fullForHoliday.ms / naive.ms).toFixed(2)} x`, fullForHoliday.ms <= naive.ms],
      ['holiday: spanning run', `${holidayRun.ms} ms`, `<= 1.0 x full UPDATE = ${naive.ms} ms`, holidayRun.ms <= naive.ms],
      ['holiday: rows judged', String(holidayRun.value.examined), `< all ${fullForHoliday.value.examined}`, holidayRun.value.examined < fullForHoliday.value.examined],
      ['holiday: rows written', String(holidayRun.value.written), 'the full run after finds 0 to write', fullForHoliday.value.written === 0],
    ] as const;
    console.log('');
    for (const [what, value, target, ok] of rows) console.log(`${what.padEnd(30)} ${value.padStart(12)}  ${target.padEnd(36)} ${target ? (ok ? 'ok' : 'MISSED') : ''}`);
    if (rows.some((r) => !r[3])) process.exitCode = 1;
  } finally {
    await db.destroy();
    await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
}

if (process.argv[2] === '--nightly') {
  childMain(process.argv[3], process.argv[4]).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}

