import type { DataSource } from 'typeorm';
import type { Caller } from '../auth/api-key.service';
import { loadWorkingCalendar } from '../calendar/holiday.service';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { Clock } from '../infra/clock';
import { type AuditActor, auditedDataSource } from '../infra/database/audited-data-source';
import type { Logger } from '../infra/logger';

/**
 * What every service method receives first, whoever calls it: a GraphQL request, a job or the
 * CLI. No GraphQL in it (no loaders, no request id): the GraphQL context extends it.
 */
export interface ServiceContext {
  db: DataSource;
  clock: Clock;
  logger: Logger;
  /** The key behind a request; null for the service itself (a job, the CLI). */
  caller: Caller | null;
  /** The Working Day calendar with admin-added holidays, read once per context. */
  calendar(): Promise<WorkingCalendar>;
  /** An open assessment is DUE_SOON with this many Working Days left or fewer. */
  dueSoonWorkingDays: number;
}

export interface ServiceContextParts {
  db: DataSource;
  clock: Clock;
  logger: Logger;
  caller?: Caller | null;
  dueSoonWorkingDays: number;
  /** The process's calendar, kept between contexts (services.calendars); without it each context reads its own. */
  calendars?: { current(): Promise<WorkingCalendar> };
  /**
   * Who the audit log names for this context's changes; the actor defaults to the caller's key
   * (or `service`), the operation to `service`.
   */
  audit?: Partial<AuditActor>;
}

/** A context whose calendar is read at first use and kept: one job, one command, or one request. */
export function createServiceContext(parts: ServiceContextParts): ServiceContext & { forgetCalendar(): void } {
  let calendar: Promise<WorkingCalendar> | undefined;
  const caller = parts.caller ?? null;
  const audit: AuditActor = {
    actor: parts.audit?.actor ?? (caller ? `key:${caller.name} (${caller.keyId})` : 'service'),
    operation: parts.audit?.operation ?? (() => 'service'),
  };
  return {
    db: auditedDataSource(parts.db, audit),
    clock: parts.clock,
    logger: parts.logger,
    caller: parts.caller ?? null,
    dueSoonWorkingDays: parts.dueSoonWorkingDays,
    calendar: () => (calendar ??= parts.calendars ? parts.calendars.current() : loadWorkingCalendar(parts.db)),
    forgetCalendar: () => {
      calendar = undefined;
    },
  };
}
