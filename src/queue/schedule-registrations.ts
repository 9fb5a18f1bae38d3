import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * When each schedule of the job contract was first registered, kept in the database (the queue's
 * store may restart empty and forget): a sweep that catches up lost firings looks no further back.
 */
export async function noteSchedulesRegistered(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query(`INSERT INTO schedule_registration (schedule_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [ids]);
}

export async function scheduleRegisteredAt(db: Queryable, id: string): Promise<Date | null> {
  const [row] = await db.query(`SELECT first_registered_at AS at FROM schedule_registration WHERE schedule_id = $1`, [id]);
  return row ? new Date(row.at) : null;
}
