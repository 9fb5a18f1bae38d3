import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { type Connection, connectionOf } from '../graphql/pagination';
import { LocalDateScalar } from '../graphql/scalars';
import { Modification } from './modification.entity';
import { DecisionPath, ModificationKind, ModificationPhase } from './modification.enums';

/** DP156, MP107, MP122A, SECMP0015. */
export const REFERENCE_PATTERN = /^[A-Za-z]+[0-9]+[A-Za-z]*$/;
const REFERENCE_MESSAGE = 'reference must look like DP156, MP107 or SECMP0015 (letters, then digits)';
const TEXT = 10_000;
const NAME = 300;

export const ModificationConnection = connectionOf(Modification, { one: 'proposal', many: 'proposals' });
export type ModificationConnection = Connection<Modification>;

@InputType()
export class ModificationFilter {
  @Field(() => [ModificationPhase], { nullable: true })
  phases?: ModificationPhase[] | null;

  @Field(() => ModificationKind, { nullable: true })
  kind?: ModificationKind | null;

  @Field({ nullable: true })
  onHold?: boolean;

  @Field({ nullable: true, description: 'Matches reference or title, case-insensitively.' })
  @IsOptional()
  @MaxLength(NAME)
  search?: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The register as it stood at the end of this day: proposals raised by then, in the phase their history gives for it.',
  })
  asOf?: LocalDate | null;
}

@InputType()
export class CreateModificationInput {
  @Field()
  @Matches(REFERENCE_PATTERN, { message: REFERENCE_MESSAGE })
  @MaxLength(30)
  reference!: string;

  @Field()
  @Length(1, NAME, { message: 'title must be 1 to 300 characters' })
  title!: string;

  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT) summary?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT) note?: string;

  @Field(() => ModificationKind)
  kind!: ModificationKind;

  @Field(() => ModificationPhase, { nullable: true })
  phase?: ModificationPhase | null;

  @Field(() => DecisionPath, { nullable: true })
  path?: DecisionPath | null;

  @Field({ nullable: true }) @IsOptional() @MaxLength(NAME) proposer?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(NAME) proposerOrganisation?: string;

  @Field(() => LocalDateScalar, { nullable: true })
  raisedOn?: LocalDate | null;
}

@InputType()
export class UpdateModificationInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, NAME, { message: 'title must be 1 to 300 characters' }) title?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT) summary?: string;

  @Field(() => DecisionPath, { nullable: true })
  path?: DecisionPath | null;

  @Field({ nullable: true }) @IsOptional() @MaxLength(NAME) proposer?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(NAME) proposerOrganisation?: string;
  @Field({ nullable: true }) onHold?: boolean;
  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT) onHoldReason?: string;

  @Field(() => [String], { nullable: true, description: 'The references of the proposals this one waits on (replaces the list).' })
  dependsOn?: string[] | null;

  @Field({ nullable: true, description: 'The name of the release; an empty string clears it.' })
  @IsOptional()
  @MaxLength(NAME)
  targetRelease?: string;

  @Field(() => Int, { nullable: true, description: 'The version the client last read; the update is refused if the proposal has changed since.' })
  expectedVersion?: number | null;
}
