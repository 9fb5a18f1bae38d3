import type { DataSource } from 'typeorm';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import type { Services } from '../services';

/** What a route outside GraphQL needs to serve: the database, the services, the clock, the log. */
export interface RouteDeps {
  db: DataSource;
  services: Services;
  clock: Clock;
  logger: Logger;
  dueSoonWorkingDays: number;
}
