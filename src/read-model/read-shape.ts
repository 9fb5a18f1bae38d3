/**
 * What a caller wants read of one kind of row: its fields (columns or computed values), and for each
 * relation it follows, the same again. The GraphQL layer makes one from a query's selection; the
 * read model turns it into one SQL statement. Nothing of GraphQL is in it.
 */
export interface ReadShape {
  fields: ReadonlySet<string>;
  relations: ReadonlyMap<string, ReadShape>;
}

export const EMPTY_SHAPE: ReadShape = { fields: new Set(), relations: new Map() };
