import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';

/**
 * A stop of an assessment's clock: Working Days d with from <= d < to do not count.
 * The database refuses overlapping pauses and a second open one.
 */
@ObjectType({ description: "A stop of an assessment's clock, from a day until it is resumed.", simpleResolvers: true })
@Entity('assessment_pause')
@Index(['assessmentId'])
export class AssessmentPause {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'assessment_id' })
  assessmentId!: string;

  @Field(() => LocalDateScalar, { description: 'The first Working Day the clock is stopped.' })
  @Column('date', { name: 'from_on' })
  from!: LocalDate;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Null while the pause is open.' })
  @Column('date', { name: 'to_on', nullable: true })
  to!: LocalDate | null;

  @Field({ description: 'Why the clock stopped.' })
  @Column('text')
  reason!: string;
}
