import type { DataSource } from 'typeorm';
import { InvalidInputError } from '../common/errors';
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
   * Adds a one-off holiday and, in the same transaction, the full recompute every open deadline
   * now owes; the recompute is queued after commit, or by the dispatcher once the queue answers.
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
      await this.owed.owe(tx, 'sla-recompute', { asOf: ctx.clock.today(), full: true, reason: 'holiday-added' });
    });
    this.calendars?.forget();
    await this.owed.dispatchSoon(ctx.db, ctx.logger);
  }
}
