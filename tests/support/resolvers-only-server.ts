import { loadConfig } from '../../src/config/config';
import { fixedClock } from '../../src/infra/clock';
import { createLogger } from '../../src/infra/logger';
import { type RunningHttpServer, startHttpServer } from '../../src/server/http-server';
import type { TestApp } from './test-app';

/**
 * A second API over the test app's database and services with compiled reads off, so without the
 * compiled-read lane either: every query answered by the resolvers, to compare the fast ways with.
 */
export function startResolversOnlyServer(app: TestApp): Promise<RunningHttpServer> {
  return startHttpServer({
    db: app.db, services: app.services, jobs: app.jobs, clock: fixedClock(new Date('2021-04-09T09:00:00Z')),
    logger: createLogger('silent'), dueSoonWorkingDays: 3, limits: { ...loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }), compiledReads: false },
    metrics: app.metrics,
  }, 0);
}
