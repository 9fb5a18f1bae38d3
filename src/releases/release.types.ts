import { IsOptional, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { ReleaseKind } from './release.enums';
import type { ReleaseInputFields, UpdateReleaseInputFields } from './release.fields';

@InputType({ description: 'A release to record.' })
export class ReleaseInput implements ReleaseInputFields {
  @Field({ description: 'Its name, unique whatever its case.' }) @Length(1, 200, { message: 'name must be 1 to 200 characters' }) name!: string;
  @Field(() => LocalDateScalar, { description: 'The day it goes live.', nullable: true }) releaseDate?: LocalDate | null;
  @Field(() => ReleaseKind, { description: 'Scheduled (June, November) or standalone.' }) kind!: ReleaseKind;
  @Field(() => LocalDateScalar, { description: "The day by which the Panel must have a proposal's Modification Report for it to make the release.", nullable: true }) modificationReportDeadline?: LocalDate | null;
}

@InputType({ description: 'A correction of a release: what is given is set (null clears a date), what is left out stays.' })
export class UpdateReleaseInput implements UpdateReleaseInputFields {
  @Field({ nullable: true, description: 'Its new name, unique whatever its case.' }) @IsOptional() @Length(1, 200, { message: 'name must be 1 to 200 characters' }) name?: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it goes live.' }) releaseDate?: LocalDate | null;
  @Field(() => ReleaseKind, { nullable: true, description: 'Scheduled (June, November) or standalone.' }) kind?: ReleaseKind | null;
  @Field(() => LocalDateScalar, { nullable: true, description: "The day by which the Panel must have a proposal's Modification Report for it to make the release." })
  modificationReportDeadline?: LocalDate | null;
}
