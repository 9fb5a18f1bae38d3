import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { type Connection, connectionOf } from '../graphql/pagination';
import { LocalDateScalar } from '../graphql/scalars';
import { Modification } from './modification.entity';
import { DecisionPath, ModificationKind, ModificationPhase } from './modification.enums';
import { ModificationObject } from './modification.graphql-types';
import type { ModificationFilterFields, CreateModificationInputFields, UpdateModificationInputFields } from './modification.fields';

/** DP156, MP107, MP122A, SECMP0015. */
export const REFERENCE_PATTERN = /^[A-Za-z]+[0-9]+[A-Za-z]*$/;
const REFERENCE_MESSAGE = 'reference must look like DP156, MP107 or SECMP0015 (letters, then digits)';
const TEXT = 10_000;
const NAME = 300;

export const ModificationConnection = connectionOf(ModificationObject, { type: 'Modification',  one: 'proposal', many: 'proposals' });
export type ModificationConnection = Connection<Modification>;

@InputType({ description: 'Which proposals a page holds.' })
export class ModificationFilter implements ModificationFilterFields {
  @Field(() => [ModificationPhase], { description: 'Only those in one of these phases.', nullable: true })
  phases?: ModificationPhase[] | null;

  @Field(() => ModificationKind, { description: 'Only Draft Proposals, or only Modification Proposals.', nullable: true })
  kind?: ModificationKind | null;

  @Field({ description: 'Only those on hold (true), or only those not (false).', nullable: true })
  onHold?: boolean;

  @Field({ nullable: true, description: 'Matches reference or title, case-insensitively.' })
  @IsOptional()
  @MaxLength(NAME)
  search?: string;

  @Field({
    nullable: true,
    description: "Only those in the 'black hole' on asOf (default today), as `refinementStalled` says (true), or only those not (false).",
  })
  refinementStalled?: boolean;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The register as it stood at the end of this day: proposals raised by then, in the phase their history gives for it.',
  })
  asOf?: LocalDate | null;
}

@InputType({ description: 'A proposal to record in the register.' })
export class CreateModificationInput implements CreateModificationInputFields {
  @Field({ description: 'Its reference, matching its kind: DP157; MP107, MP122A or SECMP0015.' })
  @Matches(REFERENCE_PATTERN, { message: REFERENCE_MESSAGE })
  @MaxLength(30)
  reference!: string;

  @Field({ description: 'Its title.' })
  @Length(1, NAME, { message: 'title must be 1 to 300 characters' })
  title!: string;

  @Field({ description: 'What it is about (its background).', nullable: true }) @IsOptional() @MaxLength(TEXT) summary?: string;
  @Field({ description: "SECAS's note on it.", nullable: true }) @IsOptional() @MaxLength(TEXT) note?: string;

  @Field(() => ModificationKind, { description: 'Draft Proposal (DP…) or Modification Proposal (MP…, SECMP…).' })
  kind!: ModificationKind;

  @Field(() => ModificationPhase, { description: 'Its phase; default DEFINE.', nullable: true })
  phase?: ModificationPhase | null;

  @Field(() => DecisionPath, { description: 'Its decision path, once known.', nullable: true })
  path?: DecisionPath | null;

  @Field({ description: "Who raised it, e.g. a person's name.", nullable: true }) @IsOptional() @MaxLength(NAME) proposer?: string;
  @Field({ description: 'The organisation that raised it.', nullable: true }) @IsOptional() @MaxLength(NAME) proposerOrganisation?: string;

  @Field(() => LocalDateScalar, { description: 'When it was raised (not after today); default today.', nullable: true })
  raisedOn?: LocalDate | null;
}

@InputType({ description: 'A correction of a proposal: what is given is set, what is left out stays.' })
export class UpdateModificationInput implements UpdateModificationInputFields {
  @Field({ description: 'Its title (cannot be cleared).', nullable: true }) @IsOptional() @Length(1, NAME, { message: 'title must be 1 to 300 characters' }) title?: string;
  @Field({ description: 'What it is about.', nullable: true }) @IsOptional() @MaxLength(TEXT) summary?: string;

  @Field(() => DecisionPath, { description: 'Its decision path.', nullable: true })
  path?: DecisionPath | null;

  @Field({ description: 'Who raised it.', nullable: true }) @IsOptional() @MaxLength(NAME) proposer?: string;
  @Field({ description: 'The organisation that raised it.', nullable: true }) @IsOptional() @MaxLength(NAME) proposerOrganisation?: string;
  @Field({ description: 'Whether work on it is on hold.', nullable: true }) onHold?: boolean;
  @Field({ description: 'Why it is on hold (required while it is).', nullable: true }) @IsOptional() @MaxLength(TEXT) onHoldReason?: string;

  @Field(() => [String], { nullable: true, description: 'The references of the proposals this one waits on (replaces the list).' })
  dependsOn?: string[] | null;

  @Field({ nullable: true, description: 'The name of the release; an empty string clears it.' })
  @IsOptional()
  @MaxLength(NAME)
  targetRelease?: string;

  @Field(() => Int, { nullable: true, description: 'The version the client last read; the update is refused if the proposal has changed since.' })
  expectedVersion?: number | null;
}
