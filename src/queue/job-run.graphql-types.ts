import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';
import { type JobRun, JobState } from './job-run';

/** The GraphQL face of job runs, kept with the API: the queue and its services know only job-run.ts. */
registerEnumType(JobState, {
  name: 'JobState',
  description: 'Where a background job stands.',
  valuesConfig: {
    ACTIVE: { description: 'A worker is running it.' },
    COMPLETED: { description: 'It ran to its end.' },
    DELAYED: { description: 'It waits for its time, or for a retry after a failed attempt.' },
    FAILED: { description: 'It failed for good (see failedReason).' },
    WAITING: { description: 'It waits for a worker (or, owed, for the queue to answer).' },
  },
});

/** A JobRun as the API shows it. */
@ObjectType('JobRun', { description: 'A background job (a recompute, a digest run, a report build, a message to send) as the queue reports it.' })
export class JobRunObject implements JobRun {
  @Field(() => ID, { description: 'The job, for jobRun.' }) id!: string;
  @Field({ description: 'Which job of the contract: sla-recompute, sla-digest, report-build, mail-send, …' }) name!: string;
  @Field(() => JobState, { description: 'Where it stands.' }) state!: JobState;
  @Field(() => DateTimeScalar, { description: 'When it was queued.' }) enqueuedAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When it completed or failed for good; null before.', nullable: true }) finishedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed; set while a retry waits, too.' })
  failedReason!: string | null;
  @Field(() => Float, { description: 'Percent done, 0 to 100, as the job last reported it.' })
  progress!: number;
  @Field(() => Int, { description: 'Attempts that ended, in failure or success; a failed job is retried with backoff.' })
  attemptsMade!: number;
  @Field(() => String, { nullable: true, description: 'What a finished job did, in one line (e.g. rows examined and changed).' })
  summary!: string | null;
}
