import { AsyncLocalStorage } from 'node:async_hooks';
import { type BeforeQueryEvent, type EntitySubscriberInterface, EventSubscriber } from 'typeorm';

/**
 * A request's time budget (REQUEST_TIMEOUT_MS). Node cannot stop a request half-way, so the
 * budget is kept where a request spends its time: no statement starts once it is spent, and one
 * running is bounded by PostgreSQL's statement_timeout. A change past its budget rolls back (its
 * COMMIT is refused too), so a caller told TIMEOUT knows nothing was written.
 */
export class TimeBudgetExceeded extends Error {
  override readonly name = 'TimeBudgetExceeded';
  constructor(readonly budgetMs: number) {
    super(`The request ran past its time budget of ${budgetMs} ms`);
  }
}

interface Budget {
  deadline: number;
  ms: number;
}

const current = new AsyncLocalStorage<Budget>();

/**
 * Runs `fn` (and everything it starts) under a budget of `ms` from `startedAt` (default now); 0
 * means none. A request handed from one layer to another keeps the budget it started with.
 */
export function withinTimeBudget<T>(ms: number, fn: () => T, startedAt = Date.now()): T {
  if (ms <= 0) return fn();
  return current.run({ deadline: startedAt + ms, ms }, fn);
}

// Ending a transaction that failed must always be possible: the connection goes back clean.
const ALWAYS_ALLOWED = /^\s*ROLLBACK\b/i;

/** Refuses every statement (but a ROLLBACK) of a request whose budget is spent. */
@EventSubscriber()
export class TimeBudgetSubscriber implements EntitySubscriberInterface {
  beforeQuery(event: BeforeQueryEvent): void {
    const budget = current.getStore();
    if (!budget || Date.now() <= budget.deadline || ALWAYS_ALLOWED.test(event.query)) return;
    throw new TimeBudgetExceeded(budget.ms);
  }
}
