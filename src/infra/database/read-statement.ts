import type { Pool, QueryResult } from 'pg';
import { type AfterQueryEvent, type BeforeQueryEvent, type DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * One statement of a compiled read (a whole answer PostgreSQL builds), sent on the pool without
 * TypeORM's query runner: making one, checking a connection out through it, its result object and
 * its release were 65,000 of the 446,000 instructions of a request for one proposal (bench:instructions,
 * the same statement sent either way), and nothing of them serves a read of one statement outside a
 * transaction.
 *
 * Everything a statement meets on TypeORM's way is met here too, in the same order: the DataSource's
 * logger hears it (tests count statements so), then its subscribers' beforeQuery (the time budget
 * refuses a statement of a request past its budget there), then afterQuery with its time and outcome
 * (bench:api counts statements and their time so); a failure is TypeORM's QueryFailedError around
 * PostgreSQL's error. The events carry no query runner, as none is made: no subscriber of the
 * service reads one.
 */
export async function readStatement<R>(db: DataSource, query: string, parameters: unknown[]): Promise<R[]> {
  db.logger.logQuery(query, parameters);
  const event = { dataSource: db, connection: db, manager: db.manager, query, parameters } as BeforeQueryEvent;
  const before = heard(db, (subscriber) => subscriber.beforeQuery?.(event));
  if (before) await before;
  const startedAt = Date.now();
  let result: QueryResult;
  try {
    result = await ((db.driver as PostgresDriver).master as Pool).query(query, parameters);
  } catch (err) {
    db.logger.logQueryError(err as Error, query, parameters);
    await heard(db, (subscriber) => subscriber.afterQuery?.({ ...event, success: false, error: err } as AfterQueryEvent));
    throw new QueryFailedError(query, parameters, err as Error);
  }
  const after = heard(db, (subscriber) => subscriber.afterQuery?.({ ...event, success: true, executionTime: Date.now() - startedAt, rawResults: result } as AfterQueryEvent));
  if (after) await after;
  return result.rows as R[];
}

type Subscriber = DataSource['subscribers'][number];

/**
 * Tells every subscriber, as TypeORM's Broadcaster does: one that throws stops the statement; those
 * that answer with a promise are waited for (a promise only then: awaiting nothing costs a turn).
 */
function heard(db: DataSource, tell: (subscriber: Subscriber) => unknown): Promise<unknown> | undefined {
  let waiting: Array<Promise<unknown>> | undefined;
  for (const subscriber of db.subscribers) {
    const told = tell(subscriber);
    if (told instanceof Promise) (waiting ??= []).push(told);
  }
  return waiting && Promise.all(waiting);
}
