import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { DecisionBody } from './decision.enums';

/** A decision taken on a proposal: who, when, what, and the SEC Objectives it cited. */
// Its GraphQL face, field by field with what each means: DecisionObject (decision.graphql-types.ts).
@Entity('decision')
@Unique(['modificationId', 'body', 'on', 'outcome'])
@Index(['on'])
export class Decision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Column('text')
  body!: DecisionBody;

  @Column('date', { name: 'decided_on' })
  on!: LocalDate;

  @Column('text')
  outcome!: string;

  @Column('text', { array: true, default: () => "'{}'" })
  objectives!: string[];

  @Column('text', { nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
