import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DateTimeScalar } from '../graphql/scalars';
import { DigestSection } from './digest-section';

/** Who receives a digest: configured data, not code (SPEC "Notifications"). */
@ObjectType({ description: 'A list of people who receive the morning digest, and which parts of it.' })
@Entity('recipient_group')
export class RecipientGroup {
  @Field(() => ID, { description: "The group's id." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Unique, whatever the case: DCC, SECAS.' })
  @Column('text')
  name!: string;

  @Field(() => [String], { description: 'Who receives its messages.' })
  @Column('text', { array: true })
  addresses!: string[];

  @Field(() => [DigestSection], { description: 'Which parts of the digest it receives.' })
  @Column('text', { array: true })
  sections!: DigestSection[];

  @Field({ description: 'A disabled group receives nothing; its history stays.' })
  @Column('boolean', { default: true })
  enabled!: boolean;

  @Field(() => Int, { description: 'Goes up with every change.' })
  @Column('integer', { default: 1 })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When the group was made.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the group last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
