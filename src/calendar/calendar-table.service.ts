import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { addDays, type LocalDate } from './local-date';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from './supported-range';
import { createWorkingCalendar } from './working-calendar';

/**
 * The SQL copy of the Working Day calendar (table calendar_day), built from src/calendar so that
 * the two can never disagree: each day, whether it is a Working Day, and its running Working Day
 * number. SQL then does Working Day arithmetic by subtraction.
 *
 * It covers one year past the last supported one, so that a target 40 Working Days after the
 * last acceptable date still falls inside it. Rebuilt when the rules or the admin holidays change.
 */
export const CALENDAR_TABLE_FIRST_DAY: LocalDate = `${FIRST_SUPPORTED_YEAR}-01-01`;
export const CALENDAR_TABLE_LAST_DAY: LocalDate = `${LAST_SUPPORTED_YEAR + 1}-12-31`;

/** Bump when the holiday rules of src/calendar change, so that every database rebuilds its table. */
const RULES_VERSION = 1;

const CHUNK = 20_000;

/** Rebuilds calendar_day if it does not match the rules and the holiday table; returns whether it did. */
export async function syncCalendarTable(db: DataSource | EntityManager): Promise<boolean> {
  const run = async (tx: EntityManager): Promise<boolean> => {
    // Two processes starting together take turns; the second finds the table current.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('calendar_day'))`);
    const holidays: Array<{ day: string }> = await tx.query(`SELECT holiday_on::text AS day FROM holiday ORDER BY 1`);
    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ rules: RULES_VERSION, first: CALENDAR_TABLE_FIRST_DAY, last: CALENDAR_TABLE_LAST_DAY, holidays: holidays.map((h) => h.day) }))
      .digest('hex');
    const [state] = await tx.query(`SELECT fingerprint FROM calendar_state`);
    if (state?.fingerprint === fingerprint) return false;

    const calendar = createWorkingCalendar(holidays.map((h) => h.day));
    await tx.query(`DELETE FROM calendar_day`);
    let number = 0;
    let day = CALENDAR_TABLE_FIRST_DAY;
    while (day <= CALENDAR_TABLE_LAST_DAY) {
      const days: string[] = [];
      const working: boolean[] = [];
      const numbers: number[] = [];
      for (let i = 0; i < CHUNK && day <= CALENDAR_TABLE_LAST_DAY; i++, day = addDays(day, 1)) {
        const isWorking = calendar.isWorkingDay(day);
        if (isWorking) number += 1;
        days.push(day);
        working.push(isWorking);
        numbers.push(number);
      }
      await tx.query(
        `INSERT INTO calendar_day (day, is_working, wd_number) SELECT * FROM unnest($1::date[], $2::boolean[], $3::int[])`,
        [days, working, numbers],
      );
    }
    await tx.query(
      `INSERT INTO calendar_state (singleton, fingerprint, built_at) VALUES (true, $1, clock_timestamp())
       ON CONFLICT (singleton) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, built_at = EXCLUDED.built_at`,
      [fingerprint],
    );
    return true;
  };
  return db instanceof DataSource ? db.transaction(run) : run(db);
}
