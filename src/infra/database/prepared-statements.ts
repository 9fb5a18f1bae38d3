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
 * How much of a statement's end keys it among the named ones, with its length. A request's text is
 * built anew each time (its selection's SQL inside the read's own), and a Map keyed by the whole
 * text hashed all of it on every call: V8 hashes a string character by character, and caches the
 * hash only in that string object. One proposal's 1,697 characters took 3.3 µs a lookup (median,
 * timed in the server under bench:api's load), among the largest single costs of that request.
 */
const KEY_TAIL = 64;

/**
 * Names marked statements, up to `capacity` different ones, so that pg prepares them: the first
 * `capacity` texts each get a name for good, any other text none (0: no text is named).
 */
export function statementNames(capacity: number): (text: string) => string | undefined {
  // By length and end; the texts that share both (few: they differ in their selections) are told apart whole.
  const named = new Map<string, Array<{ text: string; name: string }>>();
  let count = 0;
  return (text) => {
    if (!text.startsWith(PREPARE_MARK)) return undefined;
    const key = `${text.length} ${text.slice(-KEY_TAIL)}`;
    const alike = named.get(key);
    const known = alike?.find((statement) => statement.text === text)?.name;
    if (known !== undefined || count >= capacity) return known;
    const name = `sec_read_${++count}`;
    if (alike) alike.push({ text, name });
    else named.set(key, [{ text, name }]);
    return name;
  };
}
