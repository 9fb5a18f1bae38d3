import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import IORedis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../../infra/logger';
import { BUDGET_PREFIX, BUDGET_WINDOW_MS, type BudgetStore, type Spent } from './budget-store';

/** How long a request waits for a Redis connection that is being made before it goes through unlimited (logged). */
const CONNECT_WAIT_MS = 1000;

/**
 * Budgets in the queue's Redis (rate-limiter-flexible's atomic counter): one round trip a request,
 * nothing written to PostgreSQL; a budget's key expires with its minute. Past the budget, refusals
 * come from this process's memory until the minute is over.
 */
export class RedisBudgets implements BudgetStore {
  readonly kind = 'redis';
  private readonly client: IORedis;
  private readonly limiter: RateLimiterRedis;
  private readonly ready: Promise<unknown>;

  constructor(redisUrl: string, perMinute: number, logger: Logger, prefix = 'sec-tracker') {
    // A request must not wait for a Redis that is away: fail at once (the limiter then lets it through, logged).
    this.client = new IORedis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: 'sec-tracker-rate-limit' });
    this.client.on('error', (err) => logger.warn({ err }, 'rate limit: Redis connection error'));
    this.ready = once(this.client, 'ready').catch(() => undefined);
    this.limiter = new RateLimiterRedis({
      storeClient: this.client,
      keyPrefix: `${prefix}:${BUDGET_PREFIX}`,
      points: perMinute,
      duration: BUDGET_WINDOW_MS / 1000,
      inMemoryBlockOnConsumed: perMinute + 1,
    });
  }

  async spend(who: string): Promise<Spent> {
    // Just started (or reconnecting): wait a moment for the connection, never longer.
    if (this.client.status !== 'ready') await Promise.race([this.ready, delay(CONNECT_WAIT_MS, undefined, { ref: false })]);
    try {
      const spent = await this.limiter.consume(who);
      return { remaining: spent.remainingPoints };
    } catch (err) {
      if (err instanceof RateLimiterRes) return { retryInMs: err.msBeforeNext };
      throw err;
    }
  }

  async purgeExpired(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
