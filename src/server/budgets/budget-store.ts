/** What spending one point of a budget came to: the points left this minute, or how long until it is whole again. */
export type Spent = { remaining: number } | { retryInMs: number };

/**
 * Where the per-minute budgets are kept, shared by every API process: Redis when the service has
 * one (one round trip a request), else PostgreSQL, leased in chunks (a write per chunk, not per
 * request). Either way a request never waits on more than one store round trip.
 */
export interface BudgetStore {
  readonly kind: 'redis' | 'postgres';
  /** Spends one point of `who`'s budget for the minute that began with its first. Throws when the store does not answer. */
  spend(who: string): Promise<Spent>;
  /** Forgets budgets whose minute is over; returns how many rows went (Redis expires its own: 0). */
  purgeExpired(now: number): Promise<number>;
  close(): Promise<void>;
}

/** Budget keys in the store: `api:key:<id>`, `api:ip:<address>` (never a key itself). */
export const BUDGET_PREFIX = 'api';

/** A budget's minute. */
export const BUDGET_WINDOW_MS = 60_000;
