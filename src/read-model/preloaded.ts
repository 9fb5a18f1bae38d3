/**
 * The relations a page's statement brought with each row, kept beside the row (not on it, so that
 * entities keep their shape): a field resolver takes them from here before it asks a loader.
 */
const brought = new WeakMap<object, Map<string, unknown>>();

export function attachPreloaded(row: object, relation: string, value: unknown): void {
  let relations = brought.get(row);
  if (!relations) brought.set(row, (relations = new Map()));
  relations.set(relation, value);
}

/** The relation as the statement brought it, or `load()` when this row came without it. */
export function preloadedOr<T>(row: object, relation: string, load: () => Promise<T>): T | Promise<T> {
  const relations = brought.get(row);
  return relations?.has(relation) ? (relations.get(relation) as T) : load();
}
