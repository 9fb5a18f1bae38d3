import type { ServiceContext } from '../common/service-context';
import type { ModificationPhase } from '../modifications/modification.enums';
import { findUnknownReferences, referencesUsed } from './register-file.checks';
import type { RegisterFile } from './register-file.schema';
import { describeCounts, ImportRun, type ImportKind, type ImportSummary } from './import-run';
import { writeModifications, writeReleases, type KnownModification } from './proposal-writers';
import { writeAssessments, writeConsultations, writeDecisions, writeMeetings, writeWorkPackages, writePrintedFigures } from './record-writers';
import { withCanonicalReferences } from './canonical-references';
import { refuse } from './register-problems';
import { ruleProblems } from './register-file.rules';

export interface ImportOptions {
  /** One line per section as it is written, e.g. `releases: 5 (5 created)`. */
  onProgress?: (message: string) => void;
  /** Runs the whole import, every check included, then rolls it back: the summary says what would change. */
  dryRun?: boolean;
}

/** Carries a dry run's summary out of the transaction it rolls back. */
class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run: rolled back');
  }
}

/** Any fixed number: two imports of register files take turns instead of interleaving look-ups and writes. */
const IMPORT_LOCK = 0x5ec_1e61;

/**
 * Loads a parsed register file (see `parseRegisterFile`) into the register.
 *
 * - One transaction: all or nothing. A refusal, whether found by the checks here or by a
 *   constraint of the database halfway through, rolls everything back and is thrown as an
 *   InvalidInputError naming the entry at fault.
 * - Idempotent: every row is found by its natural key and written only when it differs, so a
 *   second import of the same file updates no row, bumps no `version` and adds no phase history;
 *   its summary is all `unchanged`.
 */
export class RegisterImportService {
  async import(ctx: ServiceContext, file: RegisterFile, options: ImportOptions = {}): Promise<ImportSummary> {
    try {
      return await this.run(ctx, file, options);
    } catch (err) {
      if (err instanceof DryRunRollback) return err.summary;
      throw err;
    }
  }

  private async run(ctx: ServiceContext, file: RegisterFile, options: ImportOptions): Promise<ImportSummary> {
    const progress = options.onProgress ?? (() => undefined);
    const broken = ruleProblems(file, { today: ctx.clock.today(), calendar: await ctx.calendar() });
    if (broken.length) refuse(broken);
    return ctx.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      const run = new ImportRun(tx, await withCanonicalReferences(tx, file));
      const known = await this.loadKnown(run);

      const report = (kind: ImportKind) => progress(describeCounts(kind, run.summary[kind]));
      await writeReleases(run);
      report('releases');
      await writeModifications(run, known);
      report('modifications');
      for (const kept of run.summary.kept) progress(`kept as the register has it: ${kept.reason}`);
      await writeAssessments(run);
      report('assessments');
      await writeMeetings(run);
      report('meetings');
      await writeConsultations(run);
      report('consultations');
      await writeDecisions(run);
      report('decisions');
      await writeWorkPackages(run);
      report('workPackages');
      await writePrintedFigures(run);
      report('printedFigures');
      if (options.dryRun) throw new DryRunRollback(run.summary);
      return run.summary;
    });
  }

  /**
   * What the register already holds of what the file mentions: proposals (with their phase and
   * dependencies, to see what changes) and releases. A reference that is neither in the file nor
   * here is refused before anything is written.
   */
  private async loadKnown(run: ImportRun): Promise<Map<string, KnownModification>> {
    const { file } = run;
    const references = referencesUsed(file);
    const releaseNames = [
      ...new Set([...file.releases.map((r) => r.name), ...file.modifications.flatMap((m) => (m.targetRelease ? [m.targetRelease] : []))]),
    ];
    const modifications = await run.rows(
      `SELECT m.id, m.reference, m.phase,
              coalesce(array_agg(dep.reference) FILTER (WHERE dep.id IS NOT NULL), '{}') AS depends_on,
              greatest((SELECT max(pc.changed_on) FROM phase_change pc WHERE pc.modification_id = m.id),
                       (SELECT max(f.replaced_on) FROM modification_former_reference f WHERE f.modification_id = m.id))::text AS last_changed_on
         FROM modification m
         LEFT JOIN modification_dependency d ON d.modification_id = m.id
         LEFT JOIN modification dep ON dep.id = d.depends_on_id
        WHERE m.reference = ANY($1::text[])
        GROUP BY m.id`,
      [references],
    );
    const releases = await run.rows(`SELECT id, name FROM release WHERE name = ANY($1::text[])`, [releaseNames]);

    const known = new Map<string, KnownModification>();
    for (const m of modifications) {
      known.set(m.reference, { id: m.id, phase: m.phase as ModificationPhase, dependsOn: m.depends_on as string[], lastChangedOn: m.last_changed_on });
      run.modificationIds.set(m.reference, m.id);
    }
    for (const r of releases) run.releaseIds.set(r.name, r.id);

    const unknown = findUnknownReferences(
      file,
      new Set([...file.modifications.map((m) => m.reference), ...known.keys()]),
      new Set([...file.releases.map((r) => r.name), ...run.releaseIds.keys()]),
    );
    if (unknown.length) refuse(unknown);
    return known;
  }
}
