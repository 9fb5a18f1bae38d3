import type { DataSource } from 'typeorm';

const TABLES = [
  'modification', 'modification_dependency', 'phase_change', 'assessment', 'assessment_pause', 'meeting', 'agenda_item',
  'consultation', 'decision', 'release', 'work_package', 'holiday', 'api_key', 'recipient_group', 'outbox_message', 'report',
  'modification_former_reference', 'owed_job',
];

/** Columns that record a use, not a change: a key's last use moves with every request that presents it. */
const BOOKKEEPING: Record<string, string> = { api_key: 'last_used_at' };

/** Every row of the register as text: equal snapshots mean that nothing changed. */
export async function snapshot(db: DataSource): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const row = BOOKKEEPING[table] ? `(to_jsonb(t) - '${BOOKKEEPING[table]}')::text` : 't::text';
    const rows: Array<{ r: string }> = await db.query(`SELECT ${row} AS r FROM ${table} t ORDER BY 1`);
    out[table] = rows.map((row) => row.r);
  }
  return out;
}
