import type { DataSource } from 'typeorm';
import type { Caller } from '../auth/api-key.service';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import type { JobQueue } from '../queue/job-queue';
import type { Services } from '../services';
import type { Loaders } from './loaders';

/** What every resolver and service call receives first: who asks, and the request's own caches. */
export interface RequestContext {
  requestId: string;
  auth: { caller: Caller | null; presented: boolean };
  db: DataSource;
  services: Services;
  /** Background jobs: enqueue only once the transaction that calls for them has committed. */
  jobs: JobQueue;
  readonly loaders: Loaders;
  clock: Clock;
  logger: Logger;
  /** The Working Day calendar with admin-added holidays, read once per request. */
  calendar(): Promise<WorkingCalendar>;
  /** Drops what loaders and the calendar cached: each mutation of a document sees the ones before it. */
  forgetCaches(): void;
  dueSoonWorkingDays: number;
}
