import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Logger } from '../infra/logger';
import type { JobQueue } from '../queue/job-queue';
import type { ServiceMetrics } from './service-metrics';
import { MessageState } from '../notifications/outbox-message.entity';

/**
 * Gauges of the service's state, read when Prometheus scrapes: the job queue's jobs by state, the
 * assessments by type and SLA status as the last recompute left them, and the outbox's messages by
 * state. A read that fails leaves its gauge empty for that scrape and logs why; the others still answer.
 */
export function watchServiceState(metrics: ServiceMetrics, { db, jobs, logger }: { db: DataSource; jobs: JobQueue; logger: Logger }): void {
  const registers = [metrics.registry];
  const refreshed = async (gauge: Gauge<string>, what: string, read: () => Promise<Array<[Record<string, string>, number]>>) => {
    gauge.reset();
    try {
      for (const [labels, value] of await read()) gauge.set(labels, value);
    } catch (err) {
      logger.warn({ err, metric: what }, 'metrics: a gauge could not be read for this scrape');
    }
  };

  new Gauge({
    name: 'sec_queue_jobs',
    help: 'Jobs in the job queue, by state',
    labelNames: ['state'],
    registers,
    async collect() {
      await refreshed(this, 'sec_queue_jobs', async () => Object.entries(await jobs.countsByState()).map(([state, n]) => [{ state }, n]));
    },
  });

  new Gauge({
    name: 'sec_assessments',
    help: 'Assessments by type and SLA status, as of the last recompute',
    labelNames: ['type', 'sla_status'],
    registers,
    async collect() {
      await refreshed(this, 'sec_assessments', async () => {
        const rows: Array<{ type: string; status: string; n: number }> = await db.query(
          `SELECT a.type, s.status, count(*)::int AS n FROM assessment_sla s JOIN assessment a ON a.id = s.assessment_id
            WHERE s.status IS NOT NULL GROUP BY a.type, s.status`,
        );
        return rows.map((r) => [{ type: r.type, sla_status: r.status }, r.n]);
      });
    },
  });

  new Gauge({
    name: 'sec_outbox_messages',
    help: 'Email messages in the outbox, by state (IN_DOUBT: the mail server may have taken it and never answered; not sent again until settled)',
    labelNames: ['state'],
    registers,
    async collect() {
      await refreshed(this, 'sec_outbox_messages', async () => {
        // Every state, none left out for being empty: an alert on IN_DOUBT > 0 needs the 0 too.
        const rows: Array<{ state: string; n: number }> = await db.query(
          `SELECT s.state, count(o.id)::int AS n FROM unnest($1::text[]) AS s(state) LEFT JOIN outbox_message o ON o.state = s.state GROUP BY s.state`,
          [Object.values(MessageState)],
        );
        return rows.map((r) => [{ state: r.state }, r.n]);
      });
    },
  });
}
