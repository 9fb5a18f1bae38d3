import type { DocumentNode, OperationDefinitionNode } from 'graphql';

/** A query text Apollo has parsed and validated, and the operation of it that was run. */
export interface KnownQuery {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

/** A known query as it is kept: the document only as long as Apollo keeps it, and which of its definitions ran. */
interface Kept {
  document: WeakRef<DocumentNode>;
  operation: number;
}

/**
 * Enough for the few documents clients send again and again. The texts are kept here; a flood of
 * new ones (each answered once by Apollo first) only empties the map.
 */
const MAX_TEXTS = 500;
const MAX_TEXT_CHARS = 4_000_000;

/**
 * The queries the compiled path has answered, by text and operation name: their parse, validation
 * and every limit but cost (which depends on the variables) hold for that text whoever sends it
 * with a key, as none of those rules reads the variables or the key holder. The compiled-read lane
 * answers these again without Apollo.
 *
 * A document is held weakly: Apollo's document cache (an LRU bounded by size) decides how many
 * parsed documents the process keeps, and a text whose document it has let go is answered by
 * Apollo again, and known again. A parsed document weighs far more than its text (graphql-js keeps
 * every token), so counting texts alone would not bound what this map holds.
 */
export class KnownQueries {
  /** By text, then by the operation name sent with it (undefined: none was). */
  private readonly known = new Map<string, Map<string | undefined, Kept>>();
  private chars = 0;

  get(query: string, operationName: string | undefined): KnownQuery | undefined {
    const kept = this.known.get(query)?.get(operationName);
    const document = kept?.document.deref();
    if (!kept || !document) return undefined;
    return { document, operation: document.definitions[kept.operation] as OperationDefinitionNode };
  }

  remember(query: string, operationName: string | undefined, { document, operation }: KnownQuery): void {
    let byName = this.known.get(query);
    if (!byName) {
      if (this.known.size >= MAX_TEXTS || this.chars + query.length > MAX_TEXT_CHARS) {
        this.known.clear();
        this.chars = 0;
      }
      this.known.set(query, (byName = new Map()));
      this.chars += query.length;
    }
    byName.set(operationName, { document: new WeakRef(document), operation: document.definitions.indexOf(operation) });
  }
}
