import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Logger } from '../infra/logger';
import type { ServiceMetrics } from '../metrics/service-metrics';
import { metricsRoute } from './metrics.routes';

/**
 * A worker started alone (`main.js worker`) serves no API, but its orchestrator still asks whether
 * it lives and Prometheus still scrapes its job durations: /healthz and /metrics, on
 * WORKER_STATUS_PORT when it is set (several workers on one host would contend for one port).
 */
export async function startWorkerStatusServer(
  { metrics, metricsToken, logger }: { metrics: ServiceMetrics; metricsToken?: string; logger: Logger },
  port: number,
): Promise<{ port: number; stop(): Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', role: 'worker' });
  });
  app.get('/metrics', metricsRoute(metrics, metricsToken));
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  logger.info({ port: actual }, 'worker status: /healthz and /metrics');
  return {
    port: actual,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
