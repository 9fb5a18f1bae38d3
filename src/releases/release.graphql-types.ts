import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { ReleaseKind } from './release.enums';
import type { Release } from './release.entity';

/** A Release row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('Release', { description: 'A scheduled (June, November) or standalone SEC release, its date, its proposals, and its Modification Report deadline.', simpleResolvers: true })
export class ReleaseObject implements Partial<Release> {
  @Field(() => ID, { description: 'The release, for strikeOut.' })
  id!: string;

  @Field({ description: 'Its name, unique whatever its case, e.g. "June 2021 SEC Release".' })
  name!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Null while the date is not fixed.' })
  releaseDate!: LocalDate | null;

  @Field(() => ReleaseKind, { description: 'Scheduled or standalone.' })
  kind!: ReleaseKind;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The Panel must have the Modification Report of a proposal by this day for it to make this release.',
  })
  modificationReportDeadline!: LocalDate | null;

  @Field(() => Int, { description: 'Goes up with every change.' })
  version!: number;
}
