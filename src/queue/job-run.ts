/** Where a background job stands (its GraphQL face: job-run.graphql-types.ts). */
export enum JobState {
  WAITING = 'WAITING',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  DELAYED = 'DELAYED',
}

/** A queued background job, as an admin sees it: what the queue (or, for an owed job, the database) reports. */
export interface JobRun {
  id: string;
  /** Which job of the contract: sla-recompute, sla-digest, report-build, mail-send, … */
  name: string;
  state: JobState;
  enqueuedAt: Date;
  /** When it completed or failed for good; null before. */
  finishedAt: Date | null;
  /** Why the last attempt failed; set while a retry waits, too. */
  failedReason: string | null;
  /** Percent done, 0 to 100, as the job last reported it. */
  progress: number;
  attemptsMade: number;
  /** What a finished job did, in one line. */
  summary: string | null;
}
