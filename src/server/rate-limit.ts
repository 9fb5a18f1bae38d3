import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import type { Logger } from '../infra/logger';
import { bearerKey } from './bearer-key';
import { graphqlError } from './body-errors';

/**
 * A budget of requests per minute for each key (or, with no key, each address), kept in
 * PostgreSQL by rate-limiter-flexible so that every API process spends the same budget. Over it:
 * 429 with Retry-After. If the store does not answer, the request goes through (logged): a
 * limiter must not turn a database hiccup into an outage of its own.
 */
export function rateLimit(db: DataSource, perMinute: number, logger: Logger, options: { byAddress?: boolean } = {}): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  // TypeORM's pg pool: the limiter runs one upsert per request on it.
  const pool = (db.driver as unknown as { master: unknown }).master;
  const limiter = new RateLimiterPostgres({
    storeClient: pool, storeType: 'pool', tableName: 'rate_limit', tableCreated: true, clearExpiredByTimeout: false,
    points: perMinute, duration: 60, keyPrefix: options.byAddress ? 'address' : 'api',
  });
  return async (req, res, next) => {
    // Where keys are being tried (the admin login), a made-up key must not buy a fresh budget.
    const key = options.byAddress ? null : bearerKey(req.header('authorization'));
    // Never the key itself: its hash, as the key check stores it.
    const who = key ? `key:${createHash('sha256').update(key).digest('hex')}` : `ip:${req.ip}`;
    try {
      const spent = await limiter.consume(who);
      res.setHeader('RateLimit-Limit', String(perMinute));
      res.setHeader('RateLimit-Remaining', String(spent.remainingPoints));
      next();
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
        res.setHeader('Retry-After', String(seconds));
        res.status(429).json(graphqlError(`Too many requests: this key may make ${perMinute} a minute; try again in ${seconds} s`, 'RATE_LIMITED'));
        return;
      }
      logger.warn({ err }, 'rate limit store did not answer: request let through');
      next();
    }
  };
}
