import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ServiceMetrics } from '../metrics/service-metrics';
import { bearerKey } from './bearer-key';
import { refuse } from './key-refusal';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * GET /metrics: the Prometheus exposition. With METRICS_TOKEN set, only for
 * `Authorization: Bearer <METRICS_TOKEN>` (Prometheus's `authorization` scrape setting).
 */
export function metricsRoute(metrics: ServiceMetrics, token: string | undefined): RequestHandler {
  return async (req, res, next) => {
    if (token) {
      const presented = bearerKey(req.header('authorization'));
      // Compared as digests, so that the comparison takes as long whatever was sent.
      if (!presented || !timingSafeEqual(digest(presented), digest(token))) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return refuse(res, 401, 'UNAUTHENTICATED', 'The metrics need "Authorization: Bearer <METRICS_TOKEN>"');
      }
    }
    try {
      const { contentType, body } = await metrics.exposition();
      res.setHeader('Content-Type', contentType);
      res.setHeader('Cache-Control', 'no-store');
      return res.send(body);
    } catch (err) {
      return next(err);
    }
  };
}
