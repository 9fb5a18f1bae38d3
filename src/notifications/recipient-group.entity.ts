import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DateTimeScalar } from '../graphql/scalars';
import { DigestSection } from './digest-section';

/** Who receives a digest: configured data, not code (SPEC "Notifications"). */
@ObjectType({ description: 'A list of people who receive the morning digest, and which parts of it.' })
@Entity('recipient_group')
export class RecipientGroup {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Unique, whatever the case: DCC, SECAS.' })
  @Column('text')
  name!: string;

  @Field(() => [String])
  @Column('text', { array: true })
  addresses!: string[];

  @Field(() => [DigestSection])
  @Column('text', { array: true })
  sections!: DigestSection[];

  @Field({ description: 'A disabled group receives nothing; its history stays.' })
  @Column('boolean', { default: true })
  enabled!: boolean;

  @Field(() => Int)
  @Column('integer', { default: 1 })
  version!: number;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
