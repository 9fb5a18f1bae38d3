/**
 * Statements PostgreSQL plans once per connection and keeps, as compiled GraphQL engines run their
 * reads (PostGraphile 5 keeps 100 per connection). Planning one proposal's statement took 0.46 ms,
 * running it 0.22 (EXPLAIN, bench:api's database): a request paid twice for planning what it ran.
 * A statement asks for it by starting with PREPARE_MARK (a comment PostgreSQL ignores and the logs
 * show: `prepared` below); everything on the way (the time budget, the statement counters, TypeORM's
 * errors) sees it as any other statement, and the pool's client names it when it is sent.
 *
 * Only statements whose plan does not turn on their parameters' values should ask: after five runs
 * PostgreSQL may keep one generic plan for every value. The first `capacity` different statements
 * are prepared, the others run as before: a client sending ever new selections cannot make the
 * database keep ever more plans. 0 turns preparing off (behind a pooler that shares connections
 * between clients in transaction mode, say, where a connection's statements are not its own).
 */
export const PREPARE_MARK = '/* prepared */ ';

/** The statement, marked to be prepared (when the pool prepares any). */
export const prepared = (sql: string): string => PREPARE_MARK + sql;

/**
 * Names marked statements, up to `capacity` different ones, so that pg prepares them: the first
 * `capacity` texts each get a name for good, any other text none (0: no text is named).
 */
export function statementNames(capacity: number): (text: string) => string | undefined {
  const names = new Map<string, string>();
  return (text) => {
    if (!text.startsWith(PREPARE_MARK)) return undefined;
    const known = names.get(text);
    if (known !== undefined || names.size >= capacity) return known;
    const name = `sec_read_${names.size + 1}`;
    names.set(text, name);
    return name;
  };
}
