import { Field, ObjectType } from 'type-graphql';

/** The connection's page info, as GraphQL shows a `Page` of common/pages.ts. */
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
