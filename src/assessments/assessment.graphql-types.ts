import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { AssessmentType } from './assessment.enums';
import type { Assessment } from './assessment.entity';

/** An Assessment row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('Assessment', { description: 'A DCC Preliminary or Impact Assessment of a proposal: its request, acceptance, pauses and return, and its SLA position on any day.', simpleResolvers: true })
export class AssessmentObject implements Partial<Assessment> {
  @Field(() => ID, { description: 'The assessment, for the mutations that change it.' })
  id!: string;

  @Field(() => AssessmentType, { description: 'Preliminary (15 Working Days) or Impact (40) Assessment.' })
  type!: AssessmentType;

  @Field(() => String, { nullable: true, description: "The DCC's change request number, e.g. CR1352." })
  changeRequest!: string | null;

  @Field(() => LocalDateScalar, { description: 'When SECAS asked the DCC for it.', nullable: true })
  requestedOn!: LocalDate | null;

  @Field(() => LocalDateScalar, { description: 'When the DCC accepted the request and its clock started; null until then.', nullable: true })
  acceptedOn!: LocalDate | null;

  @Field(() => Int, { description: '15 for a Preliminary, 40 for an Impact Assessment, unless set otherwise.' })
  targetWorkingDays!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: "The DCC's latest expected completion date, where it has revised one." })
  expectedCompletionOn!: LocalDate | null;

  @Field(() => LocalDateScalar, { description: 'When the DCC returned it and its clock stopped; null while it is open.', nullable: true })
  returnedOn!: LocalDate | null;

  // Read through the entity's getter (costInPounds of the numeric column's text).
  @Field(() => Float, { nullable: true, description: 'What the DCC charged for it, in pounds.' })
  costGbp!: number | null;

  @Field(() => String, { description: "The DCC's commentary on where it stands.", nullable: true })
  commentary!: string | null;

  @Field(() => String, { description: "SECAS's note on it (where it came from, what the papers printed).", nullable: true })
  note!: string | null;

  @Field(() => Int, { description: "Goes up with every change; calendar feeds send it as the target event's SEQUENCE." })
  version!: number;
}
