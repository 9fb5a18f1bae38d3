import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';

export enum JobState {
  WAITING = 'WAITING',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  DELAYED = 'DELAYED',
}
registerEnumType(JobState, { name: 'JobState' });

/** A queued background job, as an admin sees it. */
@ObjectType()
export class JobRun {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => JobState) state!: JobState;
  @Field(() => DateTimeScalar) enqueuedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) finishedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed; set while a retry waits, too.' })
  failedReason!: string | null;
  @Field(() => Float, { description: 'Percent done, 0 to 100, as the job last reported it.' })
  progress!: number;
  @Field(() => Int, { description: 'Attempts that ended, in failure or success; a failed job is retried with backoff.' })
  attemptsMade!: number;
  @Field(() => String, { nullable: true, description: 'What a finished job did, in one line (e.g. rows examined and changed).' })
  summary!: string | null;
}
