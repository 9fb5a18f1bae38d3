import type { DataSource } from 'typeorm';
import type { Caller } from '../auth/api-key.service';
import { createServiceContext } from '../common/service-context';
import type { RequestContext } from '../graphql/context';
import type { Loaders } from '../graphql/loaders';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import type { JobQueue } from '../queue/job-queue';
import type { Services } from '../services';
import type { RequestFacts } from './request-facts';

/** What every request's context is made of: the process's parts. */
export interface RequestContextParts {
  db: DataSource;
  services: Services;
  jobs: JobQueue;
  clock: Clock;
  dueSoonWorkingDays: number;
  newLoaders: () => Loaders;
}

/** What one request brings to its context: who sent it, its id, its logger, and where it reached the API. */
export interface RequestOfContext {
  requestId: string;
  /** The request's logger: its lines carry the request's id (reqId), as the request's own line does. */
  logger: Logger;
  caller: Caller | null;
  /** Whether a credential came with the request (a key, or the console's session), valid or not. */
  presented: boolean;
  /** Links the API gives out (a report's signed downloads, a calendar feed) point back at it. */
  baseUrl: () => string;
  facts: RequestFacts;
  /** The compiled-read lane tried the compiled answer and it failed (RequestContext.compiledReadFailed). */
  compiledReadFailed?: boolean;
}

/** The context one GraphQL request is answered in, whichever way it is answered (Apollo, or the compiled-read lane). */
export function requestContext(parts: RequestContextParts, request: RequestOfContext): RequestContext {
  const { db, services, jobs, clock, dueSoonWorkingDays } = parts;
  const { caller } = request;
  // The operation is known once the document is read (auditOperation plugin); the audit log reads it then.
  const audit = { operation: 'unknown' };
  const { forgetCalendar, ...serviceContext } = createServiceContext({
    db, clock, logger: request.logger, caller, dueSoonWorkingDays, calendars: services.calendars,
    audit: { operation: () => audit.operation },
  });
  const loaders = parts.newLoaders();
  return {
    ...serviceContext,
    requestId: request.requestId,
    baseUrl: request.baseUrl,
    audit,
    auth: { caller, presented: request.presented },
    services,
    jobs,
    loaders,
    requestFacts: request.facts,
    compiledReadFailed: request.compiledReadFailed,
    // Apollo hands resolvers a shallow copy of this object: the loaders object is shared, and forgets in place.
    forgetCaches: () => {
      loaders.forget();
      forgetCalendar();
    },
  };
}
