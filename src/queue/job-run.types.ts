import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
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
  @Field(() => String, { nullable: true }) failedReason!: string | null;
}
