import { Field, ID, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { DecisionBody } from './decision.enums';
import type { Decision } from './decision.entity';

/** A Decision row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('Decision', { description: 'A decision taken on a proposal: who, when, what, and the SEC Objectives it cited.', simpleResolvers: true })
export class DecisionObject implements Partial<Decision> {
  @Field(() => ID, { description: 'The decision, for updateDecision and strikeOut.' })
  id!: string;

  @Field(() => DecisionBody, { description: 'Who decided.' })
  body!: DecisionBody;

  @Field(() => LocalDateScalar, { description: 'When it was decided.' })
  on!: LocalDate;

  @Field({ description: 'What was decided, e.g. APPROVED, REJECTED, RECOMMENDED_APPROVAL.' })
  outcome!: string;

  @Field(() => [String], { description: "The SEC Objectives the decision cited, e.g. ['a', 'g']." })
  objectives!: string[];

  @Field(() => String, { description: "SECAS's note on it.", nullable: true })
  note!: string | null;
}
