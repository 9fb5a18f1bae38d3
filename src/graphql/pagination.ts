import { type ClassType, Field, Int, ObjectType } from 'type-graphql';

/** The connection's page info, as GraphQL shows a `Page` of common/pages.ts. */
@ObjectType({ description: 'Where a page stands among the pages of a list (Relay). Pages go forward: ask for the next with `after: endCursor`.' })
export class PageInfo {
  @Field({ description: 'Whether rows follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether rows come before this page: true when it was asked for `after` a cursor.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null for an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor, to ask for the next page with; null for an empty page." })
  endCursor!: string | null;
}

/** A page as GraphQL shows it: the shape of common/pages.ts's `Page`. */
export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * The Relay connection of a node type: `<Node>Connection` with its `<Node>Edge`, one definition
 * for every list the API pages. `names` says what the nodes are in the descriptions (and, for a
 * class not named as its GraphQL type, that type's name).
 */
export function connectionOf<T extends object>(node: ClassType<T>, names: { one: string; many: string; type?: string }): ClassType<Connection<T>> {
  const what = names.many;
  // The node type's GraphQL name, where its class is named otherwise (an entity's GraphQL face, XObject).
  const type = names.type ?? node.name;
  @ObjectType(`${type}Edge`, { description: `One of the ${what} of a page, with the cursor to ask for the ${what} after it.` })
  class Edge {
    @Field({ description: `Opaque: pass it as \`after\` to ask for the ${what} that follow this one.` })
    cursor!: string;

    @Field(() => node, { description: `The ${names.one} itself.` })
    node!: T;
  }

  @ObjectType(`${type}Connection`, { description: `A page of ${what} (Relay connection).` })
  class PageOf {
    @Field(() => [Edge], { description: `The ${what} of this page, in the list's order.` })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Whether there are more, and the cursors to ask for them.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: `How many ${what} the whole list holds, on every page alike.` })
    totalCount!: number;
  }
  return PageOf;
}
