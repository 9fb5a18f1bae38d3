import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Seconds: a key check answers in milliseconds, a page of 500 in about one second, a report build in tens. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOB_BUCKETS = [0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 900];

/** Distinct operation names kept as labels; past them, 'other' (a client names its operations as it likes). */
const MAX_OPERATIONS = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * One process's Prometheus metrics (prom-client): its own registry, the default process metrics,
 * how long requests and jobs take, and the gauges added by `watchServiceState`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'operation' | 'outcome'>;
  readonly jobDuration: Histogram<'job' | 'outcome'>;
  private readonly operations = new Set<string>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by GraphQL operation name (or route) and outcome ("ok", or the error code)',
      labelNames: ['operation', 'outcome'],
      buckets: HTTP_BUCKETS,
      registers: [this.registry],
    });
    this.jobDuration = new Histogram({
      name: 'sec_job_duration_seconds',
      help: 'Jobs run by this process, by job name and outcome (completed, failed)',
      labelNames: ['job', 'outcome'],
      buckets: JOB_BUCKETS,
      registers: [this.registry],
    });
  }

  /** A GraphQL operation's name as a label: bounded in number, and only what GraphQL allows as a name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(name);
    return name;
  }

  /** The text exposition Prometheus scrapes. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
