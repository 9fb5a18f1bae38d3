import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';

export enum ReportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  READY = 'READY',
  FAILED = 'FAILED',
}
registerEnumType(ReportStatus, { name: 'ReportStatus' });

/** One build of the monthly Change Status Report. */
@ObjectType()
export class Report {
  @Field(() => ID) id!: string;
  @Field({ description: 'YYYY-MM: the month the Change Status Report covers.' }) period!: string;
  @Field(() => ReportStatus) status!: ReportStatus;
  @Field(() => DateTimeScalar) requestedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) completedAt!: Date | null;
  @Field(() => String, { nullable: true }) markdown!: string | null;
  @Field(() => String, { nullable: true }) html!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;
}
