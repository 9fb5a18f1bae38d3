import type { DataSource } from 'typeorm';
import { createServiceContext, type ServiceContext } from '../../src/common/service-context';
import { type Clock, fixedClock } from '../../src/infra/clock';
import { createLogger } from '../../src/infra/logger';

/** A service context as a job or the CLI has one: no caller, "today" pinned (9 April 2021 unless told). */
export function testServiceContext(db: DataSource, clock: Clock = fixedClock(new Date('2021-04-09T09:00:00Z'))): ServiceContext {
  return createServiceContext({ db, clock, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), dueSoonWorkingDays: 3 });
}
