import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';

/**
 * A package of Refinement work that the Panel agrees for a proposal, with the month in which
 * SECAS returns to the Panel to report on it (the 'agile timetable').
 */
// Its GraphQL face, field by field with what each means: WorkPackageObject (work-package.graphql-types.ts).
@Entity('work_package')
@Unique(['modificationId', 'returnToPanelMonth'])
@Index(['returnToPanelMonth'])
export class WorkPackage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Column('text', { array: true })
  tasks!: string[];

  @Column('text', { name: 'return_to_panel_month' })
  returnToPanelMonth!: string;

  @Column('date', { name: 'completed_on', nullable: true })
  completedOn!: LocalDate | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
