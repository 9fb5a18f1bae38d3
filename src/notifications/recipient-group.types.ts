import { ArrayMaxSize, ArrayMinSize, IsOptional, Matches } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { DigestSection } from './digest-section';
import type { CreateRecipientGroupInputFields, UpdateRecipientGroupInputFields } from './recipient-group.fields';

export const GROUP_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9 _-]{0,59}$/;
const GROUP_NAME_MESSAGE = 'name must start with a letter and hold at most 60 letters, digits, spaces, _ or -';

@InputType({ description: 'A new recipient group.' })
export class CreateRecipientGroupInput implements CreateRecipientGroupInputFields {
  @Field({ description: "The group's name, e.g. DCC." })
  @Matches(GROUP_NAME_PATTERN, { message: GROUP_NAME_MESSAGE })
  name!: string;

  @Field(() => [String], { description: 'Who receives its messages: email addresses, at least one.' })
  @ArrayMinSize(1, { message: 'addresses must list at least one email address' })
  @ArrayMaxSize(100)
  addresses!: string[];

  @Field(() => [DigestSection], { nullable: true, description: 'Default: every section.' })
  @IsOptional()
  sections?: DigestSection[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Default: true.' })
  enabled?: boolean | null;
}

@InputType({ description: 'What to change of a recipient group; a field left out stays as it is.' })
export class UpdateRecipientGroupInput implements UpdateRecipientGroupInputFields {
  @Field(() => [String], { description: 'Who receives its messages, at least one address.', nullable: true })
  @IsOptional()
  @ArrayMinSize(1, { message: 'addresses must list at least one email address' })
  @ArrayMaxSize(100)
  addresses?: string[] | null;

  @Field(() => [DigestSection], { description: 'Which parts of the digest it receives.', nullable: true })
  sections?: DigestSection[] | null;

  @Field(() => Boolean, { nullable: true, description: 'false: the group receives nothing until enabled again.' })
  enabled?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'The version you read; refused if the group changed since.' })
  expectedVersion?: number | null;
}
