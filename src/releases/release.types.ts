import { Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { ReleaseKind } from './release.enums';

@InputType()
export class ReleaseInput {
  @Field() @Length(1, 200, { message: 'name must be 1 to 200 characters' }) name!: string;
  @Field(() => LocalDateScalar, { nullable: true }) releaseDate?: LocalDate | null;
  @Field(() => ReleaseKind) kind!: ReleaseKind;
  @Field(() => LocalDateScalar, { nullable: true }) modificationReportDeadline?: LocalDate | null;
}
