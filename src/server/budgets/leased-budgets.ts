import type { DataSource } from 'typeorm';
import { BUDGET_PREFIX, BUDGET_WINDOW_MS, type BudgetStore, type Spent } from './budget-store';

/** A process's share of one budget for its minute: points it may spend without asking the store. */
interface Lease {
  left: number;
  /** The points the store had handed out (to every process) when this one last leased. */
  handedOut: number;
  /** When the budget's minute ends (ms since the epoch), as the store says. */
  expire: number;
  /** The store said the budget is spent: refused from memory until `expire`. */
  spent: boolean;
  /** A lease being taken: concurrent requests wait for it instead of taking another. */
  taking?: Promise<void>;
}

/** The most a process holds of a budget at once, as a share of it: at 600 a minute, 30 points, so 20 writes a minute at most. */
const LEASE_SHARE = 20;

/**
 * Budgets in PostgreSQL (the `rate_limit` table), for a service without Redis. A process does not
 * write each request: it leases a chunk of a budget's points (one upsert) and spends them from
 * memory, leasing again when they are gone. The store's count is what every process has leased,
 * so the budget holds across processes; what a process leased and did not spend by the minute's
 * end is lost (at most a chunk per process), and refusals come from memory until the minute ends.
 */
export class LeasedBudgets implements BudgetStore {
  readonly kind = 'postgres';
  private readonly leases = new Map<string, Lease>();
  private readonly chunk: number;

  constructor(private readonly db: Pick<DataSource, 'query'>, private readonly perMinute: number) {
    this.chunk = Math.max(1, Math.ceil(perMinute / LEASE_SHARE));
  }

  async spend(who: string): Promise<Spent> {
    for (;;) {
      const now = Date.now();
      let lease = this.leases.get(who);
      if (lease && lease.expire <= now && !lease.taking) {
        this.leases.delete(who);
        lease = undefined;
      }
      if (lease?.taking) {
        await lease.taking;
        continue;
      }
      if (lease?.spent) return { retryInMs: lease.expire - now };
      if (lease && lease.left > 0) {
        lease.left -= 1;
        return { remaining: Math.max(0, this.perMinute - lease.handedOut + lease.left) };
      }
      await this.lease(who, lease);
    }
  }

  async purgeExpired(now: number): Promise<number> {
    for (const [who, lease] of this.leases) if (lease.expire <= now && !lease.taking) this.leases.delete(who);
    // rate_limit.expire: when the row's minute ends, in ms since the epoch.
    const [{ n }] = await this.db.query(`WITH gone AS (DELETE FROM rate_limit WHERE expire < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`, [now]);
    return n;
  }

  async close(): Promise<void> {
    this.leases.clear();
  }

  /** One upsert: adds a chunk to what the budget has handed out this minute (a new minute starts from it). */
  private async lease(who: string, before: Lease | undefined): Promise<void> {
    const lease: Lease = before ?? { left: 0, handedOut: 0, expire: 0, spent: false };
    this.leases.set(who, lease);
    lease.taking = (async () => {
      try {
        const now = Date.now();
        const [row]: Array<{ points: number; expire: string }> = await this.db.query(
          `INSERT INTO rate_limit (key, points, expire) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO UPDATE SET
             points = CASE WHEN rate_limit.expire <= $4 THEN EXCLUDED.points ELSE rate_limit.points + EXCLUDED.points END,
             expire = CASE WHEN rate_limit.expire <= $4 THEN EXCLUDED.expire ELSE rate_limit.expire END
           RETURNING points, expire`,
          [`${BUDGET_PREFIX}:${who}`, this.chunk, now + BUDGET_WINDOW_MS, now],
        );
        const handedOutBefore = row!.points - this.chunk;
        const granted = Math.min(this.chunk, this.perMinute - handedOutBefore);
        lease.handedOut = Math.min(row!.points, this.perMinute);
        lease.expire = Number(row!.expire);
        lease.left = Math.max(0, granted);
        lease.spent = granted <= 0;
      } catch (err) {
        this.leases.delete(who);
        throw err;
      } finally {
        lease.taking = undefined;
      }
    })();
    await lease.taking;
  }
}
