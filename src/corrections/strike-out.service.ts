import { InvalidInputError, NotFoundError } from '../common/errors';
import { isId } from '../common/ids';
import type { ServiceContext } from '../common/service-context';
import { idOfReferenceSql } from '../modifications/reference-lookup.sql';
import { RecordKind } from './record-kind';

/** Where each kind of record lives, and how a caller may name one besides its id. */
const RECORDS: Record<RecordKind, { table: string; what: string; byName?: (param: string) => string }> = {
  [RecordKind.MODIFICATION]: { table: 'modification', what: 'Proposal', byName: idOfReferenceSql },
  [RecordKind.ASSESSMENT]: { table: 'assessment', what: 'Assessment' },
  [RecordKind.MEETING]: { table: 'meeting', what: 'Meeting' },
  [RecordKind.CONSULTATION]: { table: 'consultation', what: 'Consultation' },
  [RecordKind.DECISION]: { table: 'decision', what: 'Decision' },
  [RecordKind.RELEASE]: { table: 'release', what: 'Release', byName: (p) => `(SELECT id FROM release WHERE lower(name) = lower(${p}))` },
  [RecordKind.WORK_PACKAGE]: { table: 'work_package', what: 'Work package' },
};

/**
 * Takes a record entered in error out of the register, with what hangs on it (a proposal's
 * history and assessments, a meeting's agenda: the database's cascades). The audit log keeps what
 * each row was, under the operation `mutation strikeOut (KIND): reason`, so nothing is lost to
 * the record of who did what.
 */
export class StrikeOutService {
  async strikeOut(ctx: ServiceContext, kind: RecordKind, idOrName: string, reason: string): Promise<void> {
    const record = RECORDS[kind];
    if (!record) throw new InvalidInputError(`Unknown kind of record ${JSON.stringify(kind)}`);
    const why = reason.trim();
    if (!why) throw new InvalidInputError('Say why the record is struck out (reason): the audit log keeps it');
    if (why.length > 1_000) throw new InvalidInputError('A reason is at most 1,000 characters');
    const target = isId(idOrName) ? '$1::uuid' : record.byName ? record.byName('$1') : null;
    if (!target) throw new NotFoundError(record.what, idOrName);
    await ctx.db.transaction(async (tx) => {
      // The audit trigger reads the operation of the transaction: it carries the reason.
      await tx.query(`SELECT set_config('sec.operation', $1, true)`, [`mutation strikeOut (${kind}): ${why}`]);
      const [, count] = await tx.query(`DELETE FROM ${record.table} WHERE id = ${target} RETURNING id`, [idOrName]);
      if (!count) throw new NotFoundError(record.what, idOrName);
    });
    ctx.logger.info({ kind, record: idOrName, reason: why, by: ctx.caller?.name }, 'a record was struck out of the register');
  }
}
