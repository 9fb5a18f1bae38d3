import type { RegisterFile } from './register-file.schema';
import { entryLabel, type RegisterProblem, type Section } from './register-problems';

/**
 * Cross-checks of a register file that need more than one field: duplicates, date order,
 * releases against targetRelease. They run before the database is touched, so a faulty file
 * costs nothing and every fault is reported at once, with the entry that holds it.
 */
export function checkRegisterFile(file: RegisterFile): RegisterProblem[] {
  return [...duplicateEntries(file), ...listProblems(file), ...releaseProblems(file), ...dateOrderProblems(file)];
}


/**
 * References to proposals and releases that are neither in the file nor in the register.
 * `knownModifications` and `knownReleases` hold the file's own plus those the database has
 * (the caller looks them up inside the import's transaction).
 */
export function findUnknownReferences(
  file: RegisterFile,
  knownModifications: ReadonlySet<string>,
  knownReleases: ReadonlySet<string>,
): RegisterProblem[] {
  const problems: RegisterProblem[] = [];
  const check = (section: Section, index: number, entry: object, field: string, reference: string) => {
    if (!knownModifications.has(reference)) {
      problems.push({ entry: entryLabel(section, index, entry), field, message: `${JSON.stringify(reference)} is neither in this file's modifications nor in the register` });
    }
  };
  file.modifications.forEach((m, i) => {
    (m.dependsOn ?? []).forEach((ref, j) => check('modifications', i, m, `dependsOn[${j}]`, ref));
    if (m.targetRelease !== undefined && !knownReleases.has(m.targetRelease)) {
      problems.push({ entry: entryLabel('modifications', i, m), field: 'targetRelease', message: `${JSON.stringify(m.targetRelease)} is neither in this file's releases nor in the register` });
    }
  });
  file.assessments.forEach((a, i) => check('assessments', i, a, 'modification', a.modification));
  file.meetings.forEach((m, i) => (m.agenda ?? []).forEach((ref, j) => check('meetings', i, m, `agenda[${j}]`, ref)));
  file.consultations.forEach((c, i) => check('consultations', i, c, 'modification', c.modification));
  file.decisions.forEach((d, i) => check('decisions', i, d, 'modification', d.modification));
  file.releases.forEach((r, i) => r.modifications.forEach((ref, j) => check('releases', i, r, `modifications[${j}]`, ref)));
  file.workPackages.forEach((w, i) => check('workPackages', i, w, 'modification', w.modification));
  return problems;
}

/** Every proposal reference a file mentions, its own entries first. */
export function referencesUsed(file: RegisterFile): string[] {
  return [
    ...new Set([
      ...file.modifications.flatMap((m) => [m.reference, ...(m.dependsOn ?? [])]),
      ...file.assessments.map((a) => a.modification),
      ...file.meetings.flatMap((m) => m.agenda ?? []),
      ...file.consultations.map((c) => c.modification),
      ...file.decisions.map((d) => d.modification),
      ...file.releases.flatMap((r) => r.modifications),
      ...file.workPackages.map((w) => w.modification),
    ]),
  ];
}

/** Two entries with the same natural key would be one row in the register: the second would silently win. */
function duplicateEntries(file: RegisterFile): RegisterProblem[] {
  const problems: RegisterProblem[] = [];
  /** keyOf returns null for an entry that this key does not identify. */
  const unique = <T extends object>(section: Section, entries: readonly T[], what: string, keyOf: (e: T) => string | null) => {
    const first = new Map<string, number>();
    entries.forEach((e, i) => {
      const key = keyOf(e);
      if (key === null) return;
      const j = first.get(key);
      if (j === undefined) first.set(key, i);
      else problems.push({ entry: entryLabel(section, i, e), message: `has the same ${what} as ${entryLabel(section, j, entries[j])}` });
    });
  };
  const k = (...parts: unknown[]) => JSON.stringify(parts);
  unique('modifications', file.modifications, 'reference', (m) => m.reference);
  // Release names are one whatever their case (rule: release names are unique whatever their case).
  unique('releases', file.releases, 'name (whatever its case)', (r) => r.name.toLowerCase());
  unique('meetings', file.meetings, 'body and date', (m) => k(m.body, m.date));
  unique('consultations', file.consultations, 'proposal, kind and opening day', (c) => k(c.modification, c.kind, c.opensOn));
  unique('decisions', file.decisions, 'proposal, body, day and outcome', (d) => k(d.modification, d.body, d.on, d.outcome));
  unique('workPackages', file.workPackages, 'proposal and return month', (w) => k(w.modification, w.returnToPanelMonth));
  unique('assessments', file.assessments, 'proposal, type and change request', (a) =>
    a.changeRequest === undefined ? null : k(a.modification, a.type, a.changeRequest),
  );
  // Without a change request an assessment is known by its dates; two with the same dates, one
  // of them without a number, could not be told apart on the next import.
  const byDates = new Map<string, number>();
  file.assessments.forEach((a, i) => {
    const key = k(a.modification, a.type, a.requestedOn, a.acceptedOn, a.returnedOn);
    const j = byDates.get(key);
    if (j === undefined) byDates.set(key, i);
    else if (a.changeRequest === undefined || file.assessments[j].changeRequest === undefined) {
      problems.push({
        entry: entryLabel('assessments', i, a),
        message: `has the same proposal, type and requested/accepted/returned dates as ${entryLabel('assessments', j, file.assessments[j])}, and without a changeRequest the two cannot be told apart`,
      });
    }
  });
  return problems;
}

/** A list that names a proposal twice, or a proposal that waits on itself. */
function listProblems(file: RegisterFile): RegisterProblem[] {
  const problems: RegisterProblem[] = [];
  const noRepeats = (section: Section, index: number, entry: object, field: string, refs: readonly string[]) => {
    refs.forEach((ref, j) => {
      if (refs.indexOf(ref) !== j) problems.push({ entry: entryLabel(section, index, entry), field: `${field}[${j}]`, message: `${JSON.stringify(ref)} is already listed at ${field}[${refs.indexOf(ref)}]` });
    });
  };
  file.modifications.forEach((m, i) => {
    noRepeats('modifications', i, m, 'dependsOn', m.dependsOn ?? []);
    if (m.dependsOn?.includes(m.reference)) {
      problems.push({ entry: entryLabel('modifications', i, m), field: 'dependsOn', message: `${m.reference} cannot depend on itself` });
    }
  });
  file.meetings.forEach((m, i) => noRepeats('meetings', i, m, 'agenda', m.agenda ?? []));
  file.releases.forEach((r, i) => noRepeats('releases', i, r, 'modifications', r.modifications));
  return problems;
}

/**
 * A proposal has one target release. releases[].modifications and modifications[].targetRelease
 * both say which; they must not contradict each other, nor may two releases list one proposal.
 */
function releaseProblems(file: RegisterFile): RegisterProblem[] {
  const problems: RegisterProblem[] = [];
  const ownTarget = new Map(file.modifications.map((m) => [m.reference, m.targetRelease]));
  const listedBy = new Map<string, number>();
  file.releases.forEach((r, i) => {
    r.modifications.forEach((ref, j) => {
      const field = `modifications[${j}]`;
      const other = listedBy.get(ref);
      if (other !== undefined && other !== i) {
        problems.push({ entry: entryLabel('releases', i, r), field, message: `${ref} is already listed by ${entryLabel('releases', other, file.releases[other])}` });
      }
      listedBy.set(ref, i);
      const target = ownTarget.get(ref);
      if (target !== undefined && target !== r.name) {
        problems.push({ entry: entryLabel('releases', i, r), field, message: `${ref} has targetRelease ${JSON.stringify(target)} in its own entry` });
      }
    });
  });
  return problems;
}

function dateOrderProblems(file: RegisterFile): RegisterProblem[] {
  const problems: RegisterProblem[] = [];
  file.assessments.forEach((a, i) => {
    const at = { entry: entryLabel('assessments', i, a) };
    if (a.acceptedOn && a.requestedOn && a.acceptedOn < a.requestedOn) {
      problems.push({ ...at, field: 'acceptedOn', message: `${a.acceptedOn} is before requestedOn ${a.requestedOn}` });
    }
    if (a.returnedOn && a.acceptedOn && a.returnedOn < a.acceptedOn) {
      problems.push({ ...at, field: 'returnedOn', message: `${a.returnedOn} is before acceptedOn ${a.acceptedOn}` });
    }
    if (a.returnedOn && a.requestedOn && !a.acceptedOn && a.returnedOn < a.requestedOn) {
      problems.push({ ...at, field: 'returnedOn', message: `${a.returnedOn} is before requestedOn ${a.requestedOn}` });
    }
  });
  file.consultations.forEach((c, i) => {
    if (c.closesOn && c.closesOn <= c.opensOn) {
      problems.push({ entry: entryLabel('consultations', i, c), field: 'closesOn', message: `${c.closesOn} is not after opensOn ${c.opensOn}` });
    }
  });
  return problems;
}
