import type { ServiceContext } from '../src/common/service-context';
import type { Config } from '../src/config/config';
import type { MailTransport } from '../src/infra/mail/mail-transport';
import type { JobHandlers } from '../src/queue/job-contract';
import type { JobQueue } from '../src/queue/job-queue';
import type { Services } from '../src/services';

/**
 * What every handler receives besides its job: a service context of its own (the job is the
 * caller; its logger is bound to the job) and the process's shared resources, never request state.
 */
export interface HandlerContext extends ServiceContext {
  config: Config;
  services: Services;
  /** For follow-up jobs (the digest after an admin's recompute, a send per message). */
  jobs: JobQueue;
  /** Where mail goes: SMTP_URL's server, or the dev mailbox's. */
  mail: MailTransport;
}

export type WorkerHandlers = JobHandlers<HandlerContext>;
