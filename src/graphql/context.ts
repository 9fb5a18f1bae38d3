import type { Caller } from '../auth/api-key.service';
import type { ServiceContext } from '../common/service-context';
import type { JobQueue } from '../queue/job-queue';
import type { Services } from '../services';
import type { RequestFacts } from '../server/request-facts';
import type { Loaders } from './loaders';

/**
 * What every resolver receives: the service context (the caller's key, the database, clock,
 * calendar) plus what only GraphQL needs: the request id, the per-request loaders, the services.
 */
export interface RequestContext extends ServiceContext {
  requestId: string;
  /** Where the caller reached the API (PUBLIC_URL, or the request's host): links it gives out start here. */
  baseUrl(): string;
  /** What the audit log names as this request's operation: `mutation changePhase`. */
  audit: { operation: string };
  auth: { caller: Caller | null; presented: boolean };
  services: Services;
  /** Background jobs, for the few resolvers that only ask about them (jobRun). */
  jobs: JobQueue;
  readonly loaders: Loaders;
  /** Shared with the HTTP layer: the operation, its outcome and the key's name, for the request's log line and metric. */
  readonly requestFacts?: RequestFacts;
  /** The compiled-read lane tried this request's compiled answer and it failed: the resolvers answer it, without a second try. */
  readonly compiledReadFailed?: boolean;
  /** Drops what loaders and the calendar cached: each mutation of a document sees the ones before it. */
  forgetCaches(): void;
}
