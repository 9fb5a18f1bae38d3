import type { EntityManager } from 'typeorm';
import { referencesUsed } from './register-file.checks';
import type { RegisterFile } from './register-file.schema';

/**
 * The file's references and release names as the register spells them: `mp107` is MP107, DP153,
 * converted since, is MP153, and "june 2021 sec release" is "June 2021 SEC Release". Everything after reads the file through this, so an older document can never
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
  // Release names are one whatever their case: "june 2021 sec release" is the register's "June 2021 SEC Release".
  const names = [...new Set([...file.releases.map((r) => r.name), ...file.modifications.flatMap((m) => (m.targetRelease ? [m.targetRelease] : []))])];
  const releases: Array<{ name: string; current: string }> = names.length
    ? await tx.query(`SELECT n.name, r.name AS current FROM unnest($1::text[]) AS n(name) JOIN release r ON lower(r.name) = lower(n.name) WHERE r.name <> n.name`, [names])
    : [];
  const renamedRelease = new Map(releases.map((r) => [r.name, r.current]));
  if (!renamed.size && !renamedRelease.size) return file;
  const c = (ref: string) => renamed.get(ref) ?? ref;
  const rc = (name: string) => renamedRelease.get(name) ?? name;
  return {
    ...file,
    modifications: file.modifications.map((m) => ({
      ...m, reference: c(m.reference), ...(m.dependsOn ? { dependsOn: m.dependsOn.map(c) } : {}), ...(m.targetRelease ? { targetRelease: rc(m.targetRelease) } : {}),
    })),
    assessments: file.assessments.map((a) => ({ ...a, modification: c(a.modification) })),
    meetings: file.meetings.map((m) => ({ ...m, ...(m.agenda ? { agenda: m.agenda.map(c) } : {}) })),
    consultations: file.consultations.map((x) => ({ ...x, modification: c(x.modification) })),
    decisions: file.decisions.map((d) => ({ ...d, modification: c(d.modification) })),
    releases: file.releases.map((r) => ({ ...r, name: rc(r.name), modifications: r.modifications.map(c) })),
    workPackages: file.workPackages.map((w) => ({ ...w, modification: c(w.modification) })),
  };
}
