import type { EntityManager } from 'typeorm';
import { referencesUsed } from './register-file.checks';
import type { RegisterFile } from './register-file.schema';

/**
 * The file's references as the register spells them: `mp107` is MP107, and DP153, converted
 * since, is MP153. Everything after reads the file through this, so an older document can never
 * make a second proposal out of one the register already has under another spelling or name.
 */
export async function withCanonicalReferences(tx: Pick<EntityManager, 'query'>, file: RegisterFile): Promise<RegisterFile> {
  const rows: Array<{ ref: string; current: string | null }> = await tx.query(
    `SELECT r.ref, coalesce(m.reference, mf.reference) AS current
       FROM unnest($1::text[]) AS r(ref)
       LEFT JOIN modification m ON lower(m.reference) = lower(r.ref)
       LEFT JOIN modification_former_reference f ON lower(f.reference) = lower(r.ref)
       LEFT JOIN modification mf ON mf.id = f.modification_id`,
    [referencesUsed(file)],
  );
  const renamed = new Map(rows.filter((r) => r.current !== null && r.current !== r.ref).map((r) => [r.ref, r.current!]));
  if (!renamed.size) return file;
  const c = (ref: string) => renamed.get(ref) ?? ref;
  return {
    ...file,
    modifications: file.modifications.map((m) => ({ ...m, reference: c(m.reference), ...(m.dependsOn ? { dependsOn: m.dependsOn.map(c) } : {}) })),
    assessments: file.assessments.map((a) => ({ ...a, modification: c(a.modification) })),
    meetings: file.meetings.map((m) => ({ ...m, ...(m.agenda ? { agenda: m.agenda.map(c) } : {}) })),
    consultations: file.consultations.map((x) => ({ ...x, modification: c(x.modification) })),
    decisions: file.decisions.map((d) => ({ ...d, modification: c(d.modification) })),
    releases: file.releases.map((r) => ({ ...r, modifications: r.modifications.map(c) })),
    workPackages: file.workPackages.map((w) => ({ ...w, modification: c(w.modification) })),
  };
}
