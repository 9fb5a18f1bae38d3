import type { DataSource } from 'typeorm';
import { ChangeAwareCache, type ChangeFeed } from '../infra/database/change-feed';
import { loadWorkingCalendar } from './holiday.service';
import type { WorkingCalendar } from './working-calendar';

/**
 * The Working Day calendar in force, for every request and job of a process: read once, and again
 * only after a holiday changes (announced by the change feed; without a feed, read every time).
 */
export class CalendarInForce {
  private readonly kept: ChangeAwareCache<WorkingCalendar>;

  constructor(private readonly db: DataSource, changes?: ChangeFeed) {
    this.kept = new ChangeAwareCache(changes, 'holiday', { maxEntries: 1 });
  }

  async current(): Promise<WorkingCalendar> {
    return (await this.kept.get('in force', () => loadWorkingCalendar(this.db)))!;
  }

  /** A holiday this process added has committed: the next read sees it. */
  forget(): void {
    this.kept.forget();
  }
}
