import type { DocumentNode, OperationDefinitionNode } from 'graphql';

/** A query text Apollo has parsed and validated, and the operation of it that was run. */
export interface KnownQuery {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

/**
 * Enough for the few documents clients send again and again; a flood of new texts (each one
 * compiled and answered once by Apollo first) only empties it, and its memory stays bounded.
 */
const MAX_TEXTS = 500;
const MAX_TEXT_CHARS = 4_000_000;

/**
 * The queries the compiled path has answered, by text and operation name: their parse, validation
 * and every limit but cost (which depends on the variables) hold for any caller and any variables,
 * as none of those rules reads either. The compiled-read lane answers these again without Apollo.
 */
export class KnownQueries {
  /** By text, then by the operation name sent with it (undefined: none was). */
  private readonly known = new Map<string, Map<string | undefined, KnownQuery>>();
  private chars = 0;

  get(query: string, operationName: string | undefined): KnownQuery | undefined {
    return this.known.get(query)?.get(operationName);
  }

  remember(query: string, operationName: string | undefined, known: KnownQuery): void {
    let byName = this.known.get(query);
    if (!byName) {
      if (this.known.size >= MAX_TEXTS || this.chars + query.length > MAX_TEXT_CHARS) {
        this.known.clear();
        this.chars = 0;
      }
      this.known.set(query, (byName = new Map()));
      this.chars += query.length;
    }
    byName.set(operationName, known);
  }
}
