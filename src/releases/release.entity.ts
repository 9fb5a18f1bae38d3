import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { ReleaseKind } from './release.enums';

/** A scheduled (June, November) or standalone SEC release; its proposals point at it. */
@ObjectType({ description: 'A scheduled (June, November) or standalone SEC release, its date, its proposals, and its Modification Report deadline.', simpleResolvers: true })
@Entity('release')
export class Release {
  @Field(() => ID, { description: 'The release, for strikeOut.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Its name, unique whatever its case, e.g. "June 2021 SEC Release".' })
  @Column('text', { unique: true })
  name!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Null while the date is not fixed.' })
  @Column('date', { name: 'release_on', nullable: true })
  releaseDate!: LocalDate | null;

  @Field(() => ReleaseKind, { description: 'Scheduled or standalone.' })
  @Column('text')
  kind!: ReleaseKind;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The Panel must have the Modification Report of a proposal by this day for it to make this release.',
  })
  @Column('date', { name: 'modification_report_deadline', nullable: true })
  modificationReportDeadline!: LocalDate | null;

  @Field(() => Int, { description: 'Goes up with every change.' })
  @Column('integer', { default: 1 })
  version!: number;
}
