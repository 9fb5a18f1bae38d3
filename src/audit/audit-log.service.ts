import { checkPageSize, decodeCursor, encodeCursor, type Page, toPage } from '../common/pages';
import { InvalidInputError } from '../common/errors';
import type { ServiceContext } from '../common/service-context';
import type { AuditEntry } from './audit-entry';

export interface AuditLogFilter {
  target?: string | null;
  since?: Date | null;
  first: number;
  after?: string | null;
}

/** The audit log, newest first; the rows are written by the database's trigger, never here. */
export class AuditLogService {
  async list(ctx: ServiceContext, filter: AuditLogFilter): Promise<Page<AuditEntry>> {
    const first = checkPageSize(filter.first);
    let before: string | null = null;
    if (filter.after != null) {
      const [id] = decodeCursor(filter.after, 1);
      if (typeof id !== 'string' || !/^\d{1,18}$/.test(id)) throw new InvalidInputError(`after: ${JSON.stringify(filter.after)} is not a cursor this log gave out`);
      before = id;
    }
    const matches = `($1::text IS NULL OR lower(target) = lower($1)) AND ($2::timestamptz IS NULL OR at >= $2)`;
    // Ordered by the column, not by the text `id` the row shows (99 would follow 100).
    const rows: Array<AuditEntry & { total: number }> = await ctx.db.query(
      `SELECT id::text, at, actor, operation, action, target_table AS "table", target, target_id AS "targetId", before, after,
              (SELECT count(*)::int FROM audit_log WHERE ${matches}) AS total
         FROM audit_log
        WHERE ${matches} AND ($3::bigint IS NULL OR id < $3)
        ORDER BY audit_log.id DESC LIMIT $4`,
      [filter.target ?? null, filter.since ?? null, before, first + 1],
    );
    const totalCount = rows[0]?.total ?? (await ctx.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE ${matches}`, [filter.target ?? null, filter.since ?? null]))[0].n;
    return toPage({ rows, first, totalCount, after: filter.after, cursorOf: (e) => encodeCursor([e.id]), nodeOf: ({ total: _total, ...entry }) => entry as AuditEntry });
  }
}
