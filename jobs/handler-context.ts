import type { DataSource } from 'typeorm';
import type { Config } from '../src/config/config';
import type { Clock } from '../src/infra/clock';
import type { Logger } from '../src/infra/logger';
import type { JobHandlers } from '../src/queue/job-contract';
import type { JobQueue } from '../src/queue/job-queue';

/** What every handler receives besides its job: the process's shared resources, never request state. */
export interface HandlerContext {
  db: DataSource;
  config: Config;
  /** Already bound to the job (id, name, attempt). */
  logger: Logger;
  clock: Clock;
  /** For follow-up jobs (the notifications after a recompute, when they land). */
  jobs: JobQueue;
}

export type WorkerHandlers = JobHandlers<HandlerContext>;
