import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { LocalDate } from './local-date';

/** A holiday an admin added (a one-off bank holiday announced after the rules were written). */
@Entity('holiday')
export class Holiday {
  @PrimaryColumn('date', { name: 'holiday_on' })
  date!: LocalDate;

  @Column('text')
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
