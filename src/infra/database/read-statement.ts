import type { Pool, QueryResult } from 'pg';
import { type AfterQueryEvent, type BeforeQueryEvent, type DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * One statement of a compiled read (a whole answer PostgreSQL builds), sent on a connection of the
 * pool without TypeORM's query runner: making one, its broadcaster and result objects and its
 * release cost about 15,000 of the 446,000 instructions of a request for one proposal
 * (bench:instructions), and a read of one statement outside a transaction needs none of them.
 *
 * Everything a statement meets on TypeORM's way (PostgresQueryRunner.query) is met here too, in the
 * same order: a connection is checked out; the DataSource's logger hears the statement (tests count
 * statements so); the subscribers' beforeQuery (the time budget refuses a statement of a request past
 * its budget there, the wait for a connection included); the statement, timed; afterQuery with its
 * time and outcome (bench:api counts statements and their time so); the connection goes back to the
 * pool, kept with its prepared statements whatever PostgreSQL answered. A failed statement is
 * TypeORM's QueryFailedError around PostgreSQL's error. The events carry no query runner, as none
 * is made: no subscriber of the service reads one.
 */
export async function readStatement<R>(db: DataSource, query: string, parameters: unknown[]): Promise<R[]> {
  const client = await ((db.driver as PostgresDriver).master as Pool).connect();
  try {
    db.logger.logQuery(query, parameters);
    const event = { dataSource: db, connection: db, manager: db.manager, query, parameters } as BeforeQueryEvent;
    const before = heard(db, (subscriber) => subscriber.beforeQuery?.(event));
    if (before) await before;
    const startedAt = Date.now();
    let result: QueryResult;
    try {
      result = await client.query(query, parameters);
    } catch (err) {
      db.logger.logQueryError(err as Error, query, parameters);
      await heard(db, (subscriber) => subscriber.afterQuery?.({ ...event, success: false, error: err } as AfterQueryEvent));
      throw new QueryFailedError(query, parameters, err as Error);
    }
    const after = heard(db, (subscriber) => subscriber.afterQuery?.({ ...event, success: true, executionTime: Date.now() - startedAt, rawResults: result } as AfterQueryEvent));
    if (after) await after;
    return result.rows as R[];
  } finally {
    // Without an error, as TypeORM's runner gives it back: an error would have the pool close it.
    client.release();
  }
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
