import type { ModificationPhase } from '../modifications/modification.enums';
import { forEntry, upsert, type ImportRun } from './import-run';
import { entryLabel, refuse, type RegisterProblem } from './register-problems';

/**
 * Releases and proposals: the rows every other section hangs on, so they are written first.
 *
 * A key that an entry leaves out means "this document does not say" (the format's own words:
 * keys a source does not give are left out), so an existing row keeps what an earlier document
 * or a client recorded: the April 2021 report gives no title for SECMP0067 and no dependencies
 * at all, and loading it after the March 2019 paper keeps both. A key that is given always wins.
 * The one exception is an on-hold reason, dropped with the on-hold flag it explained. Columns the
 * format cannot express (a release's Modification Report deadline, a meeting's title, a work
 * package's completion) are never touched.
 */

export interface KnownModification {
  id: string;
  phase: ModificationPhase;
  dependsOn: string[];
  /** The date of its latest phase change or conversion: what the register knows is as of that day. */
  lastChangedOn: string | null;
}

export async function writeReleases(run: ImportRun): Promise<void> {
  for (const [i, r] of run.file.releases.entries()) {
    const { id, outcome } = await forEntry(entryLabel('releases', i, r), () =>
      upsert(run, {
        table: 'release',
        conflict: '(name)',
        keys: { name: r.name },
        values: { release_on: r.releaseDate ?? null, kind: r.kind },
        keepWhenNull: ['release_on'],
        versioned: true,
      }),
    );
    run.count('releases', outcome, entryLabel('releases', i, r));
    if (id !== null) run.releaseIds.set(r.name, id);
  }
}

/**
 * Upserts the file's proposals, records their phase history, replaces their dependencies, then
 * points the proposals that releases list (but the file does not describe) at their release.
 * `known` holds the proposals the register had before this import.
 */
export async function writeModifications(run: ImportRun, known: ReadonlyMap<string, KnownModification>): Promise<void> {
  const { file } = run;
  // A proposal's release, said either by its own targetRelease or by a release listing it (the
  // parser made sure the two agree).
  const releaseOf = new Map<string, string>();
  for (const r of file.releases) for (const ref of r.modifications) releaseOf.set(ref, r.name);
  for (const m of file.modifications) if (m.targetRelease !== undefined) releaseOf.set(m.reference, m.targetRelease);
  const releaseIdOf = (ref: string) => {
    const name = releaseOf.get(ref);
    return name === undefined ? null : run.releaseIds.get(name)!;
  };

  for (const [i, m] of file.modifications.entries()) {
    const entry = entryLabel('modifications', i, m);
    const before = known.get(m.reference);
    // A file states facts as of its date: where the register knows the proposal in a later state
    // (a phase change dated after the file, by the API or a newer file), the file only fills gaps.
    const registerIsNewer = before !== undefined && before.lastChangedOn !== null && before.lastChangedOn > file.asOf;
    if (registerIsNewer && before.phase !== m.phase) {
      run.summary.kept.push({
        entry,
        reason: `${m.reference} stays ${before.phase}: it moved there on ${before.lastChangedOn}, after this file's date (${file.asOf}), which says ${m.phase}`,
      });
    }
    await forEntry(entry, async () => {
      const { id, outcome } = await upsert(run, {
        table: 'modification',
        conflict: '(reference)',
        keys: { reference: m.reference },
        values: {
          title: m.title ?? null,
          summary: m.summary ?? null,
          note: m.note ?? null,
          kind: m.kind,
          phase: m.phase,
          path: m.path ?? null,
          proposer: m.proposer ?? null,
          proposer_organisation: m.proposerOrganisation ?? null,
          raised_on: m.raisedOn ?? null,
          on_hold: m.onHold,
          on_hold_reason: m.onHoldReason ?? null,
          target_release_id: releaseIdOf(m.reference),
        },
        keepWhenNull: [
          'title', 'summary', 'note', 'path', 'proposer', 'proposer_organisation', 'raised_on', 'target_release_id',
          ...(m.onHold ? ['on_hold_reason'] : []),
        ],
        versioned: true,
        alsoSet: 'updated_at = now()',
        fillOnly: registerIsNewer,
        // What a proposal waits on is part of it: a new dependency set is an update of the proposal.
        changedElsewhere: !registerIsNewer && before !== undefined && m.dependsOn !== undefined && !sameSet(before.dependsOn, m.dependsOn),
      });
      run.count('modifications', outcome, entry);
      const modificationId = id ?? before!.id;
      run.modificationIds.set(m.reference, modificationId);
      // Imports record what a document says, so the lifecycle table is not enforced; the
      // history still shows every move, dated by the document.
      if (outcome === 'created') {
        await recordPhaseChange(run, modificationId, null, m.phase, m.raisedOn ?? file.asOf);
      } else if (before && !registerIsNewer && before.phase !== m.phase) {
        await recordPhaseChange(run, modificationId, before.phase, m.phase, file.asOf);
      }
    });
  }

  await replaceDependencies(run);
  await pointListedProposalsAtReleases(run, new Set(file.modifications.map((m) => m.reference)));
}

async function recordPhaseChange(run: ImportRun, modificationId: string, from: ModificationPhase | null, to: ModificationPhase, on: string): Promise<void> {
  await run.rows(
    `INSERT INTO phase_change (modification_id, from_phase, to_phase, changed_on, note) VALUES ($1, $2, $3, $4, $5)`,
    [modificationId, from, to, on, run.note],
  );
}

/**
 * A given dependsOn replaces that proposal's dependency set (an omitted one leaves it), in two set-based statements: delete
 * the pairs the file no longer gives, insert the new ones. Unchanged pairs are not rewritten.
 * A cycle (A waits on B waits on A), which the API refuses too, is refused by naming the entries.
 */
async function replaceDependencies(run: ImportRun): Promise<void> {
  const { file } = run;
  const saying = file.modifications.filter((m) => m.dependsOn !== undefined);
  const ids = saying.map((m) => run.modificationId(m.reference));
  const from: string[] = [];
  const to: string[] = [];
  for (const m of saying) {
    for (const dep of m.dependsOn ?? []) {
      from.push(run.modificationId(m.reference));
      to.push(run.modificationId(dep));
    }
  }
  await forEntry('modifications (dependsOn)', async () => {
    await run.rows(
      `DELETE FROM modification_dependency d
        WHERE d.modification_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::uuid[]) AS w(m, dep)
                           WHERE w.m = d.modification_id AND w.dep = d.depends_on_id)`,
      [ids, from, to],
    );
    await run.rows(
      `INSERT INTO modification_dependency (modification_id, depends_on_id)
       SELECT m, dep FROM unnest($1::uuid[], $2::uuid[]) AS w(m, dep)
       ON CONFLICT DO NOTHING`,
      [from, to],
    );
  });
  const cyclic = await run.rows(
    `WITH RECURSIVE reach(start_id, id) AS (
       SELECT modification_id, depends_on_id FROM modification_dependency WHERE modification_id = ANY($1::uuid[])
       UNION
       SELECT r.start_id, d.depends_on_id FROM reach r JOIN modification_dependency d ON d.modification_id = r.id)
     SELECT DISTINCT start_id FROM reach WHERE start_id = id`,
    [ids],
  );
  if (cyclic.length) {
    const ids = new Set(cyclic.map((r) => r.start_id as string));
    const problems: RegisterProblem[] = file.modifications.flatMap((m, i) =>
      ids.has(run.modificationId(m.reference))
        ? [{ entry: entryLabel('modifications', i, m), field: 'dependsOn', message: `${m.reference} would wait on itself through the proposals it depends on` }]
        : [],
    );
    refuse(problems);
  }
}

/** A release may list proposals the file does not describe (the register has them): point those at it. */
async function pointListedProposalsAtReleases(run: ImportRun, describedInFile: ReadonlySet<string>): Promise<void> {
  for (const [i, r] of run.file.releases.entries()) {
    for (const ref of r.modifications) {
      if (describedInFile.has(ref)) continue;
      const updated = await forEntry(entryLabel('releases', i, r), () =>
        run.rows(
          `UPDATE modification SET target_release_id = $1::uuid, version = version + 1, updated_at = now()
            WHERE id = $2 AND target_release_id IS DISTINCT FROM $1::uuid RETURNING id`,
          [run.releaseIds.get(r.name), run.modificationId(ref)],
        ),
      );
      run.count('modifications', updated.length ? 'updated' : 'unchanged', `${ref} (target release ${r.name})`);
    }
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}
