import type { ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Caller } from '../auth/api-key.service';
import type { Logger } from '../infra/logger';
import type { Services } from '../services';
import { bearerKey } from './bearer-key';
import { graphqlError } from './body-errors';
import { localsOf } from './request-facts';
import type { BudgetStore } from './budgets/budget-store';
import { LeasedBudgets } from './budgets/leased-budgets';
import { RedisBudgets } from './budgets/redis-budgets';

type Budget = 'key' | 'address';

/** How often rows of spent budgets are deleted: they are worth nothing once their minute is over. */
const PURGE_EVERY_MS = 5 * 60_000;

/**
 * Who sent a request, found once by `RequestLimits.identify` before its budget is spent: the key
 * it presented (if any) and whose that key is (null for an unknown, revoked or expired one).
 * `outage` is set when the key could not be checked (the database is away): the route says so.
 */
export interface RequestIdentity {
  key: string | null;
  caller: Caller | null;
  outage?: unknown;
  /** Its budget is spent already: by the compiled-read lane, before it handed the request on. */
  spent?: boolean;
}

export function identityOf(res: ServerResponse): RequestIdentity | undefined {
  return (localsOf(res) as { identity?: RequestIdentity }).identity;
}

/** Records who sent the request, found before the limiter ran (by the compiled-read lane): `keyed` reads it then. */
export function rememberIdentity(res: ServerResponse, identity: RequestIdentity): void {
  (localsOf(res) as { identity?: RequestIdentity }).identity = identity;
}

/**
 * A budget of requests per minute that every API process spends together: in the queue's Redis
 * when the service has one (REDIS_URL), else in PostgreSQL, leased a chunk at a time (see
 * budgets/): no request pays a database write. Each valid key has its own budget; everything else
 * from an address (no key, a wrong key, the admin pages where keys are typed in) shares that
 * address's, the forwarded client's behind TRUST_PROXY. Made-up keys therefore buy nothing. Over
 * budget: 429 with Retry-After, decided in this process's memory from then until the minute is
 * over, so a flood costs neither a key lookup nor a write. If the store does not answer, the
 * request goes through (logged): a limiter must not turn a store's hiccup into an outage of its own.
 */
export class RequestLimits {
  private readonly store: BudgetStore | null;
  private readonly purge?: NodeJS.Timeout;
  /** Addresses over their budget, and until when (ms since the epoch): at most one entry per address refused this minute. */
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    db: DataSource,
    private readonly services: Services,
    private readonly perMinute: number,
    private readonly logger: Logger,
    where: { redisUrl?: string; redisPrefix?: string } = {},
  ) {
    if (perMinute <= 0) {
      this.store = null;
      return;
    }
    this.store = where.redisUrl ? new RedisBudgets(where.redisUrl, perMinute, logger, where.redisPrefix) : new LeasedBudgets(db, perMinute);
    this.purge = setInterval(() => {
      this.purgeExpired().catch((err) => logger.warn({ err }, 'deleting spent rate-limit budgets failed; tried again later'));
    }, PURGE_EVERY_MS);
    this.purge.unref();
  }

  /** Where the budgets are kept: 'redis', 'postgres', or null when there is no limit. */
  get storeKind(): BudgetStore['kind'] | null {
    return this.store?.kind ?? null;
  }

  /**
   * For routes where a bearer key is the credential (/graphql, downloads, feeds): finds the caller
   * (see identityOf), then spends the key's budget, or the address's without a valid key.
   */
  readonly keyed: RequestHandler = async (req, res, next) => {
    try {
      const address = `ip:${req.ip}`;
      // Found already (the console's session): its key's budget, or the address's.
      const found = identityOf(res);
      if (found) {
        if (found.outage || found.spent) return next();
        if (await this.spend(found.caller ? `key:${found.caller.keyId}` : address, found.caller ? 'key' : 'address', res)) next();
        return;
      }
      const key = bearerKey(req.header('authorization'));
      // An address over its budget is refused before its key is looked up, unless this process
      // already knows the key as valid (another client behind the same address keeps its own budget).
      if (this.blockedMs(address) > 0 && !(key && this.services.apiKeys.isKnown(key))) return this.refuse(res, this.blockedMs(address), 'address');
      const identity = await this.identify(key);
      rememberIdentity(res, identity);
      if (identity.outage) return next();
      if (await this.spend(identity.caller ? `key:${identity.caller.keyId}` : address, identity.caller ? 'key' : 'address', res)) next();
    } catch (err) {
      next(err);
    }
  };

  /**
   * Spends a valid key's budget for a request answered without Express (the compiled-read lane):
   * true to go on, false when refused (429 sent). The request is marked spent, so that `keyed`
   * spends nothing again if the lane hands it to the routes after all.
   */
  async spendKey(key: string, caller: Caller, res: ServerResponse): Promise<boolean> {
    rememberIdentity(res, { key, caller, spent: true });
    return this.spend(`key:${caller.keyId}`, 'key', res);
  }

  /** For pages where keys are typed in (the admin login): the address's budget, whatever key is sent. */
  readonly byAddress: RequestHandler = async (req, res, next) => {
    try {
      if (await this.spend(`ip:${req.ip}`, 'address', res)) next();
    } catch (err) {
      next(err);
    }
  };

  /** Forgets budgets whose minute is over; returns how many stored rows went. */
  async purgeExpired(): Promise<number> {
    const now = Date.now();
    for (const [who, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(who);
    return this.store ? this.store.purgeExpired(now) : 0;
  }

  async stop(): Promise<void> {
    clearInterval(this.purge);
    await this.store?.close();
  }

  private async identify(key: string | null): Promise<RequestIdentity> {
    if (!key) return { key, caller: null };
    try {
      return { key, caller: await this.services.apiKeys.authenticate(key) };
    } catch (outage) {
      return { key, caller: null, outage };
    }
  }

  private blockedMs(who: string): number {
    const until = this.blockedUntil.get(who);
    if (until === undefined) return 0;
    if (until > Date.now()) return until - Date.now();
    this.blockedUntil.delete(who);
    return 0;
  }

  /** Spends one request of `who`'s budget: true to go on, false when refused (429 sent). */
  private async spend(who: string, whose: Budget, res: ServerResponse): Promise<boolean> {
    if (!this.store) return true;
    try {
      const spent = await this.store.spend(who);
      if ('retryInMs' in spent) {
        if (whose === 'address') this.blockedUntil.set(who, Date.now() + spent.retryInMs);
        this.refuse(res, spent.retryInMs, whose);
        return false;
      }
      res.setHeader('RateLimit-Limit', String(this.perMinute));
      res.setHeader('RateLimit-Remaining', String(spent.remaining));
    } catch (err) {
      this.logger.warn({ err }, 'rate limit store did not answer: request let through');
    }
    return true;
  }

  private refuse(res: ServerResponse, msBeforeNext: number, whose: Budget): void {
    const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    const who = whose === 'key' ? 'this key' : 'this address, without a valid key,';
    const body = JSON.stringify(graphqlError(`Too many requests: ${who} may make ${this.perMinute} a minute; try again in ${seconds} s`, 'RATE_LIMITED'));
    // Node's own API, as the compiled-read lane refuses before Express: the same answer either way
    // (a HEAD still learns the length), without the ETag Express would add to a 429.
    res.statusCode = 429;
    res.setHeader('Retry-After', String(seconds));
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
  }
}

/** The identity `keyed` found, or found now (where no limiter ran before the route). */
export async function identityFor(req: Request, res: Response, services: Services): Promise<RequestIdentity> {
  const found = identityOf(res);
  if (found) return found;
  const key = bearerKey(req.header('authorization'));
  return { key, caller: key ? await services.apiKeys.authenticate(key) : null };
}
