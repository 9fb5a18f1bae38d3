import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';

/**
 * A package of Refinement work that the Panel agrees for a proposal, with the month in which
 * SECAS returns to the Panel to report on it (the 'agile timetable').
 */
@ObjectType({
  simpleResolvers: true,
  description:
    "A package of Refinement work that the Panel agrees for a proposal, with the month in which\nSECAS returns to the Panel to report on it (the 'agile timetable').",
})
@Entity('work_package')
@Unique(['modificationId', 'returnToPanelMonth'])
@Index(['returnToPanelMonth'])
export class WorkPackage {
  @Field(() => ID, { description: 'The work package, for completeWorkPackage and strikeOut.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Field(() => [String], { description: 'The tasks of the package, in order.' })
  @Column('text', { array: true })
  tasks!: string[];

  @Field({ description: 'YYYY-MM: the Panel meeting at which progress is reported.' })
  @Column('text', { name: 'return_to_panel_month' })
  returnToPanelMonth!: string;

  @Field(() => LocalDateScalar, { description: 'When it was done; null while it is not.', nullable: true })
  @Column('date', { name: 'completed_on', nullable: true })
  completedOn!: LocalDate | null;

  @Field(() => String, { description: "SECAS's note on it.", nullable: true })
  @Column('text', { nullable: true })
  note!: string | null;

  @Field(() => Int, { description: 'Goes up with every change.' })
  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
