import { InvalidInputError } from '../common/errors';
import type { ServiceContext } from '../common/service-context';
import type { AuditEntry } from './audit-entry.types';

const MAX_PAGE = 500;

/** The audit log, newest first; the rows are written by the database's trigger, never here. */
export class AuditLogService {
  async list(ctx: ServiceContext, filter: { target?: string | null; since?: Date | null; first: number; after?: string | null }): Promise<AuditEntry[]> {
    if (!Number.isInteger(filter.first) || filter.first < 1 || filter.first > MAX_PAGE) {
      throw new InvalidInputError(`first must be from 1 to ${MAX_PAGE}; got ${filter.first}`);
    }
    if (filter.after != null && !/^\d{1,18}$/.test(filter.after)) throw new InvalidInputError(`after must be the id of an entry this log gave out; got ${JSON.stringify(filter.after)}`);
    return ctx.db.query(
      `SELECT id::text, at, actor, operation, action, target_table AS "table", target, target_id AS "targetId", before, after
         FROM audit_log
        WHERE ($1::text IS NULL OR lower(target) = lower($1))
          AND ($2::timestamptz IS NULL OR at >= $2)
          AND ($3::bigint IS NULL OR id < $3)
        ORDER BY id DESC LIMIT $4`,
      [filter.target ?? null, filter.since ?? null, filter.after ?? null, filter.first],
    );
  }
}
