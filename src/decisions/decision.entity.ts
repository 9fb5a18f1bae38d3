import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { DecisionBody } from './decision.enums';

/** A decision taken on a proposal: who, when, what, and the SEC Objectives it cited. */
@ObjectType({ description: 'A decision taken on a proposal: who, when, what, and the SEC Objectives it cited.', simpleResolvers: true })
@Entity('decision')
@Unique(['modificationId', 'body', 'on', 'outcome'])
@Index(['on'])
export class Decision {
  @Field(() => ID, { description: 'The decision, for updateDecision and strikeOut.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Field(() => DecisionBody, { description: 'Who decided.' })
  @Column('text')
  body!: DecisionBody;

  @Field(() => LocalDateScalar, { description: 'When it was decided.' })
  @Column('date', { name: 'decided_on' })
  on!: LocalDate;

  @Field({ description: 'What was decided, e.g. APPROVED, REJECTED, RECOMMENDED_APPROVAL.' })
  @Column('text')
  outcome!: string;

  @Field(() => [String], { description: "The SEC Objectives the decision cited, e.g. ['a', 'g']." })
  @Column('text', { array: true, default: () => "'{}'" })
  objectives!: string[];

  @Field(() => String, { description: "SECAS's note on it.", nullable: true })
  @Column('text', { nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
