import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { DecisionPath, ModificationKind, ModificationPhase } from './modification.enums';
import type { Modification } from './modification.entity';

/** A Modification row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('Modification', { description: 'A proposal to change the Smart Energy Code: a Draft Proposal (DP…) or a Modification Proposal (MP…, SECMP…), with everything the register holds of it.', simpleResolvers: true })
export class ModificationObject implements Partial<Modification> {
  @Field(() => ID, { description: "The proposal's id (stable through a conversion; its reference may change)." })
  id!: string;

  @Field({ description: 'DP156, MP107, SECMP0015: unique, as the Code Administrator writes it.' })
  reference!: string;

  @Field(() => String, { nullable: true, description: 'Null only for records imported from a source that did not give it.' })
  title!: string | null;

  @Field(() => String, { description: 'What it is about (its background).', nullable: true })
  summary!: string | null;

  @Field(() => String, { description: "SECAS's note on it.", nullable: true })
  note!: string | null;

  @Field(() => ModificationKind, { description: 'Draft Proposal or Modification Proposal.' })
  kind!: ModificationKind;

  @Field(() => ModificationPhase, { description: 'Where it stands in the process now (or on filter.asOf, for a page as of a day).' })
  phase!: ModificationPhase;

  @Field(() => DecisionPath, { description: 'Who decides it in the end, once known.', nullable: true })
  path!: DecisionPath | null;

  @Field(() => String, { description: 'Who raised it.', nullable: true })
  proposer!: string | null;

  @Field(() => String, { description: 'The organisation that raised it.', nullable: true })
  proposerOrganisation!: string | null;

  @Field(() => LocalDateScalar, { description: 'When it was raised.', nullable: true })
  raisedOn!: LocalDate | null;

  @Field({ description: 'Whether work on it is on hold.' })
  onHold!: boolean;

  @Field(() => String, { description: 'Why it is on hold.', nullable: true })
  onHoldReason!: string | null;

  @Field(() => Int, { description: 'Increases with every change; pass it back to update safely.' })
  version!: number;
}
