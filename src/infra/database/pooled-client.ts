import { Client, Query } from 'pg';
import { statementNames } from './prepared-statements';

type Callback = (err: Error | null, result?: unknown) => void;

/**
 * Whether pg would answer with its promise: a text or a config (not a submittable, with no callback
 * of its own) and at most values after it. Anything else, a malformed call included, is pg's to
 * answer or refuse as it does.
 */
function answersByPromise([config, values, ...more]: unknown[]): boolean {
  if (more.length > 0 || typeof values === 'function') return false;
  if (typeof config === 'string') return true;
  if (typeof config !== 'object' || config === null) return false;
  const { submit, callback } = config as { submit?: unknown; callback?: unknown };
  return typeof submit !== 'function' && callback === undefined;
}

/**
 * The pg client class every connection of the service's pools is made of. It does two things to
 * the statements TypeORM sends it:
 *
 * - It names marked statements (prepared-statements.ts), up to `prepare` different ones, so that
 *   pg prepares them on each connection.
 * - It answers a statement sent without a callback (TypeORM sends every statement so) through pg's
 *   callback form, with a promise of its own. Answered through pg's promise form, every result was
 *   kept past the young generation's collections: the API's collections promoted 2.4 MB each under
 *   load (`--trace-gc-nvp`), one proposal's answer text for each request, and the old generation
 *   filled until a full collection paused the server for 14 ms and more (the p99 at bench:api's fixed
 *   rate, 16 ms against the floor's 3). With the callback form they promote 5 to 11 KB, each pauses
 *   0.5 to 1.8 ms instead of 3.5 to 4.3, and TypeORM sends 11,244 statements a second where it sent
 *   9,677 (10 in flight, one proposal's statement, the same process). pg's own pool.query answers
 *   through the callback form too, which is why bench:api's floor never showed it.
 */
export function pooledClient(prepare: number): typeof Client {
  const nameOf = statementNames(prepare);
  return class PooledClient extends Client {
    // pg's query takes a text or a config, values and a callback in several forms; a submittable
    // (a cursor, a stream), a callback and a malformed call are pg's own business, untouched.
    override query(...args: unknown[]): never {
      const query = super.query as (...a: unknown[]) => never;
      const [config, values] = args;
      const name = typeof config === 'string' ? nameOf(config) : undefined;
      if (!answersByPromise(args)) return query.apply(this, name ? [{ name, text: config }, ...args.slice(1)] : args);
      return new Promise((resolve, reject) => {
        const answered: Callback = (err, result) => (err ? reject(err) : resolve(result));
        if (typeof config !== 'string') {
          // pg puts the callback on a copy of a config object (normalizeQueryConfig): the caller's
          // stays as it was, and pg reads what else it holds (query_timeout) as before.
          query.call(this, config, values, answered);
          return;
        }
        // A text is named on the Query pg would make of it: copying a { name, text } config through
        // its property descriptors cost 1.4 µs a statement.
        const statement = new Query(config, values as unknown[] | undefined, answered as never);
        // The Query's own field, which its submit reads (@types/pg leaves it out).
        if (name) (statement as Query & { name?: string }).name = name;
        query.call(this, statement);
      }).catch((err: unknown) => {
        // As pg's promise form does: the stack leads back to the caller, not to the socket's read.
        if (err instanceof Error) Error.captureStackTrace(err);
        throw err;
      }) as never;
    }
  };
}
