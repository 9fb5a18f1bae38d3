import type { QueueBackendKind } from '../../src/queue/queue-backend';

/**
 * The queue backends the job tests run on: both, whenever a Redis answers (global-setup checks;
 * CI starts one and fails without it). A machine with Node.js alone still runs every job test on
 * BullMQ's PostgreSQL backend.
 */
export function queueBackendsUnderTest(): QueueBackendKind[] {
  return process.env.TEST_REDIS_AVAILABLE === 'true' ? ['postgres', 'redis'] : ['postgres'];
}
