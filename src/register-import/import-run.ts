import type { EntityManager } from 'typeorm';
import { ClientError, InvalidInputError } from '../common/errors';
import { describeConstraintViolation } from '../common/constraint-messages';
import type { RegisterFile } from './register-file.schema';
import type { Section } from './register-problems';

/**
 * What one import carries from section to section inside its transaction, and the two SQL
 * building blocks every section uses: an upsert that only writes when something differs, and
 * the mapping of a database refusal to the entry being written.
 */

export type ImportKind = Section;
export type Outcome = 'created' | 'updated' | 'unchanged';
export type ImportCounts = Record<Outcome, number>;
/** A fact of the file the register already knew in a later state, and so did not take. */
export interface KeptFact {
  entry: string;
  reason: string;
}
/** An entry the import created or updated (or, in a dry run, would). */
export interface ChangedEntry {
  entry: string;
  outcome: Exclude<Outcome, 'unchanged'>;
}
export type ImportSummary = Record<ImportKind, ImportCounts> & {
  /** What the import kept as the register had it, and why (empty when the file was newest everywhere). */
  kept: KeptFact[];
  /** Every entry created or updated, in the order written: what a dry run lists. */
  changes: ChangedEntry[];
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw SQL row: each caller reads the columns it selected
export type Row = Record<string, any>;

export class ImportRun {
  readonly summary: ImportSummary = {
    modifications: counts(), assessments: counts(), meetings: counts(), consultations: counts(),
    decisions: counts(), releases: counts(), workPackages: counts(), printedFigures: counts(), kept: [], changes: [],
  };
  /** Reference -> id of every proposal the file mentions, whether from the file or the register. */
  readonly modificationIds = new Map<string, string>();
  /** Name -> id of every release the file mentions. */
  readonly releaseIds = new Map<string, string>();

  constructor(
    readonly tx: EntityManager,
    readonly file: RegisterFile,
  ) {}

  /** `Imported from Change Status Report — April 2021`: the note on every phase change this import records. */
  get note(): string {
    return `Imported from ${this.file.source}`;
  }

  count(kind: ImportKind, outcome: Outcome, entry: string): void {
    this.summary[kind][outcome] += 1;
    if (outcome !== 'unchanged') this.summary.changes.push({ entry, outcome });
  }

  /** Rows of a statement; UPDATE ... RETURNING included (TypeORM's plain query() wraps those differently). */
  async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    const result = await this.tx.queryRunner!.query(sql, params, true);
    return (result.records ?? []) as Row[];
  }

  modificationId(reference: string): string {
    const id = this.modificationIds.get(reference);
    // findUnknownReferences ran first, so this is a bug, not bad input.
    if (id === undefined) throw new Error(`register import: no id for ${reference}`);
    return id;
  }
}

function counts(): ImportCounts {
  return { created: 0, updated: 0, unchanged: 0 };
}

/** `releases: 5 (5 created)`, `modifications: 37 (3 updated, 34 unchanged)` */
export function describeCounts(kind: ImportKind, c: ImportCounts): string {
  const parts = (['created', 'updated', 'unchanged'] as const).filter((o) => c[o] > 0).map((o) => `${c[o]} ${o}`);
  return `${kind}: ${c.created + c.updated + c.unchanged}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

export interface UpsertSpec {
  table: string;
  /** The ON CONFLICT target: `(reference)` or `ON CONSTRAINT meeting_body_date_unique`. */
  conflict: string;
  /** The natural key's columns: written on insert, never updated. */
  keys: Record<string, unknown>;
  /** The other columns the file gives: updated only when one differs. */
  values: Record<string, unknown>;
  /** Tables with a `version` column bump it on a real update, and only then. */
  versioned: boolean;
  /** Extra assignments on update, e.g. `updated_at = now()`. */
  alsoSet?: string;
  /** Something that belongs to the row changed elsewhere (its agenda, its dependencies): update anyway. */
  changedElsewhere?: boolean;
  /** Columns whose null means "the file does not say": an existing row keeps its stored value. */
  keepWhenNull?: readonly string[];
  /** The register knows this row in a later state than the file: only fill what it lacks (nulls). */
  fillOnly?: boolean;
}

/**
 * INSERT ... ON CONFLICT DO UPDATE ... WHERE (row differs). The WHERE makes a re-import of the
 * same facts a no-op: PostgreSQL writes no new row version, bumps no `version`, and returns
 * nothing, which is how "unchanged" is told apart. `xmax = 0` holds only for a freshly inserted
 * row, which tells "created" from "updated". The id is null when unchanged (callers know it).
 */
export async function upsert(run: ImportRun, spec: UpsertSpec): Promise<{ id: string | null; outcome: Outcome }> {
  const keyCols = Object.keys(spec.keys);
  const valueCols = Object.keys(spec.values);
  const cols = [...keyCols, ...valueCols];
  const params = [...Object.values(spec.keys), ...Object.values(spec.values), spec.changedElsewhere ?? false];
  const keep = new Set(spec.keepWhenNull ?? []);
  const incoming = (c: string) => (spec.fillOnly ? `COALESCE(t.${c}, EXCLUDED.${c})` : keep.has(c) ? `COALESCE(EXCLUDED.${c}, t.${c})` : `EXCLUDED.${c}`);
  const set = [
    ...valueCols.map((c) => `${c} = ${incoming(c)}`),
    ...(spec.versioned ? ['version = t.version + 1'] : []),
    ...(spec.alsoSet ? [spec.alsoSet] : []),
  ];
  const rows = await run.rows(
    `INSERT INTO ${spec.table} AS t (${cols.join(', ')})
     VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT ${spec.conflict} DO UPDATE SET ${set.join(', ')}
     WHERE ROW(${valueCols.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM ROW(${valueCols.map(incoming).join(', ')})
        OR $${params.length}::boolean
     RETURNING id, (xmax = 0) AS inserted`,
    params,
  );
  if (rows.length === 0) return { id: null, outcome: 'unchanged' };
  return { id: rows[0].id as string, outcome: rows[0].inserted ? 'created' : 'updated' };
}

/**
 * Runs the writes of one entry; when PostgreSQL refuses them (a CHECK, a foreign key, a value
 * out of range), the error names that entry. Only data errors (SQLSTATE classes 22 and 23) are
 * the file's fault; anything else (a lost connection) is rethrown as it is.
 */
export async function forEntry<T>(entry: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof ClientError) throw err;
    const e = err as { code?: string; constraint?: string; message?: string };
    if (typeof e.code === 'string' && /^2[23]/.test(e.code)) {
      throw new InvalidInputError(`${entry}: the register refuses it: ${describeRefusal(e)}`, {
        entry, constraint: e.constraint, sqlState: e.code,
      });
    }
    throw err;
  }
}

/**
 * The CHECKs of migrations/1764000000000-Register.ts that a file's value can break, in the
 * file's words. PostgreSQL names an unnamed table CHECK `<table>_check`, `<table>_check1`...
 */
const IMPORT_CONSTRAINTS: Record<string, string> = {
  release_check: 'releaseDate is before the Modification Report deadline already recorded for this release',
  assessment_check: 'acceptedOn is before requestedOn',
  assessment_check1: 'returnedOn is before acceptedOn',
  consultation_check: 'closesOn is not after opensOn',
  modification_reference_check: 'the reference is not a modification reference',
};

function describeRefusal(e: { code?: string; constraint?: string; message?: string }): string {
  const known = e.constraint ? IMPORT_CONSTRAINTS[e.constraint] : undefined;
  if (known) return `${known} (${e.constraint})`;
  if (e.code?.startsWith('22')) return e.message ?? 'a value is out of range';
  return `${describeConstraintViolation(e) ?? e.message}${e.constraint ? ` (${e.constraint})` : ''}`;
}
