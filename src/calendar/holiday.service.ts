import type { DataSource } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from './supported-range';
import type { CalendarHoliday } from './calendar-holiday';
import type { ServiceContext } from '../common/service-context';
import { bankHolidaysOf } from './bank-holidays';
import { syncCalendarTable } from './calendar-table.service';
import type { OwedJobs } from '../queue/owed-jobs';
import { Holiday } from './holiday.entity';
import { isWeekend, yearOf, type LocalDate } from './local-date';
import { createWorkingCalendar, type WorkingCalendar } from './working-calendar';

/** The Working Day calendar in force: the rules, plus every holiday an admin added. */
export async function loadWorkingCalendar(db: DataSource): Promise<WorkingCalendar> {
  const rows: Array<{ holiday_on: string }> = await db.query('SELECT holiday_on::text FROM holiday');
  return createWorkingCalendar(rows.map((r) => r.holiday_on));
}

export class HolidayService {
  constructor(
    private readonly owed: OwedJobs,
    private readonly calendars?: { forget(): void },
  ) {}

  /**
   * Adds a one-off holiday and, in the same transaction, the recompute it owes: of the assessments
   * whose clock spans the day (no other's status or next check can move); the recompute is queued
   * after commit, or by the dispatcher once the queue answers.
   */
  async add(ctx: ServiceContext, date: LocalDate, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) throw new InvalidInputError('A holiday needs a name, e.g. "State Funeral of Queen Elizabeth II"');
    if (trimmed.length > 200) throw new InvalidInputError('A holiday name is at most 200 characters');
    if (isWeekend(date)) throw new InvalidInputError(`${date} is a weekend day: it is not a Working Day already`);
    const rule = bankHolidaysOf(yearOf(date)).find((h) => h.date === date);
    if (rule) throw new InvalidInputError(`${date} is already a bank holiday (${rule.name})`);
    await ctx.db.transaction(async (tx) => {
      if (await tx.getRepository(Holiday).existsBy({ date })) throw new InvalidInputError(`${date} is already a holiday`);
      await tx.getRepository(Holiday).insert({ date, name: trimmed });
      // The SQL calendar moves with it, in the same transaction: the recompute never sees one without the other.
      await syncCalendarTable(tx);
      await this.owed.owe(tx, 'sla-recompute', { asOf: ctx.clock.today(), spanning: [date], reason: 'holiday-added' });
    });
    this.calendars?.forget();
    await this.owed.dispatchSoon(ctx.db, ctx.logger);
  }

  /**
   * Removes a holiday an admin added in error, and owes the same recompute as adding one: every
   * deadline across the day moves back at once. The calendar's own bank holidays are not removed.
   */
  async remove(ctx: ServiceContext, date: LocalDate): Promise<void> {
    const rule = bankHolidaysOf(yearOf(date)).find((h) => h.date === date);
    if (rule) throw new InvalidInputError(`${date} is a bank holiday by the calendar's own rules (${rule.name}): only a holiday added with addHoliday can be removed`);
    await ctx.db.transaction(async (tx) => {
      const removed = await tx.query(`DELETE FROM holiday WHERE holiday_on = $1 RETURNING holiday_on`, [date]);
      if (!removed[1]) throw new NotFoundError('Holiday', date);
      await syncCalendarTable(tx);
      await this.owed.owe(tx, 'sla-recompute', { asOf: ctx.clock.today(), spanning: [date], reason: 'holiday-removed' });
    });
    this.calendars?.forget();
    await this.owed.dispatchSoon(ctx.db, ctx.logger);
  }

  /** Every holiday of a year in England and Wales, the calendar's own and those added by an admin, in date order. */
  async ofYear(ctx: ServiceContext, year: number): Promise<CalendarHoliday[]> {
    if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
      throw new InvalidInputError(`year must be from ${FIRST_SUPPORTED_YEAR} to ${LAST_SUPPORTED_YEAR}; got ${year}`);
    }
    const added: Array<{ date: LocalDate; name: string }> = await ctx.db.query(
      `SELECT holiday_on::text AS date, name FROM holiday WHERE holiday_on BETWEEN $1 AND $2`,
      [`${year}-01-01`, `${year}-12-31`],
    );
    return [
      ...bankHolidaysOf(year).map((h) => ({ date: h.date, name: h.name, addedByAdmin: false })),
      ...added.map((h) => ({ ...h, addedByAdmin: true })),
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
}
