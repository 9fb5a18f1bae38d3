import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { ReadShape } from '../read-model/read-shape';

/** Every field a tree selects below it, whatever its aliases, fragments and types. */
function childrenOf(trees: readonly ResolveTree[]): ResolveTree[] {
  return trees.flatMap((tree) => Object.values(tree.fieldsByTypeName).flatMap((fields) => Object.values(fields)));
}

function toShape(trees: readonly ResolveTree[]): ReadShape {
  const fields = new Set<string>();
  const grouped = new Map<string, ResolveTree[]>();
  for (const child of childrenOf(trees)) {
    fields.add(child.name);
    if (Object.keys(child.fieldsByTypeName).length) grouped.set(child.name, [...(grouped.get(child.name) ?? []), child]);
  }
  return { fields, relations: new Map([...grouped].map(([name, group]) => [name, toShape(group)])) };
}

/**
 * What a query asks of the rows a root field returns, as the read model takes it: `at` walks down
 * from the root field to the rows (['edges', 'node'] for a connection). `fields` are the names the
 * root field's own selection holds (whether a connection's totalCount is asked for, say).
 */
export function readShapeOf(info: GraphQLResolveInfo, at: readonly string[] = []): { shape: ReadShape; fields: ReadonlySet<string> } {
  const root = parseResolveInfo(info) as ResolveTree | null;
  if (!root) return { shape: { fields: new Set(), relations: new Map() }, fields: new Set() };
  let trees: ResolveTree[] = [root];
  const fields = new Set(childrenOf(trees).map((t) => t.name));
  for (const name of at) trees = childrenOf(trees).filter((t) => t.name === name);
  return { shape: toShape(trees), fields };
}
