import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';
import { DigestSection } from './digest-section';
import type { RecipientGroup } from './recipient-group.entity';

/** A RecipientGroup row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('RecipientGroup', { description: 'A list of people who receive the morning digest, and which parts of it.' })
export class RecipientGroupObject implements Partial<RecipientGroup> {
  @Field(() => ID, { description: "The group's id." })
  id!: string;

  @Field({ description: 'Unique, whatever the case: DCC, SECAS.' })
  name!: string;

  @Field(() => [String], { description: 'Who receives its messages.' })
  addresses!: string[];

  @Field(() => [DigestSection], { description: 'Which parts of the digest it receives.' })
  sections!: DigestSection[];

  @Field({ description: 'A disabled group receives nothing; its history stays.' })
  enabled!: boolean;

  @Field(() => Int, { description: 'Goes up with every change.' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When the group was made.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the group last changed.' })
  updatedAt!: Date;
}
