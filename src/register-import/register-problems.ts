import { InvalidInputError } from '../common/errors';

/**
 * How a refused register file is explained. A user fixes a file by finding the entry at fault,
 * so every problem starts with the entry's place in the file AND the words that identify it
 * in the register: `assessments[3] (MP141 PRELIMINARY CR4242): acceptedOn: "2021-02-30" is not
 * a date (YYYY-MM-DD)`. An index alone is useless in a 37-entry file edited by hand.
 */

export const SECTIONS = [
  'modifications', 'assessments', 'meetings', 'consultations', 'decisions', 'releases', 'workPackages', 'printedFigures',
] as const;
export type Section = (typeof SECTIONS)[number];

/** The keys that name an entry, in the order the register speaks of it. */
const LABEL_KEYS: Record<Section, readonly string[]> = {
  modifications: ['reference'],
  assessments: ['modification', 'type', 'changeRequest'],
  meetings: ['body', 'date'],
  consultations: ['modification', 'kind', 'opensOn'],
  decisions: ['modification', 'body', 'on', 'outcome'],
  releases: ['name'],
  workPackages: ['modification', 'returnToPanelMonth'],
  printedFigures: ['period', 'figure'],
};

/**
 * `assessments[3] (MP141 PRELIMINARY CR4242)`. Built from the raw entry, so it works on an
 * entry that failed validation: whatever identifying strings it has are shown.
 */
export function entryLabel(section: Section, index: number, raw: unknown): string {
  const words =
    raw !== null && typeof raw === 'object'
      ? LABEL_KEYS[section].map((k) => (raw as Record<string, unknown>)[k]).filter((v): v is string => typeof v === 'string' && v !== '')
      : [];
  return `${section}[${index}]${words.length ? ` (${words.join(' ')})` : ''}`;
}

/** One thing wrong: where (entry label, then the field within it) and what. */
export interface RegisterProblem {
  entry: string;
  field?: string;
  message: string;
}

export function formatProblem(p: RegisterProblem): string {
  return [p.entry, p.field, p.message].filter(Boolean).join(': ');
}

/** At most this many problems are spelled out; a file broken everywhere needs fixing at the first. */
const MAX_LISTED = 20;

/** Throws the problems as one InvalidInputError (a single problem reads as one line). */
export function refuse(problems: readonly RegisterProblem[]): never {
  const lines = problems.map(formatProblem);
  if (lines.length === 1) throw new InvalidInputError(lines[0], { problems: lines });
  const listed = lines.slice(0, MAX_LISTED).map((l) => `- ${l}`);
  if (lines.length > MAX_LISTED) listed.push(`- ... and ${lines.length - MAX_LISTED} more`);
  throw new InvalidInputError(`The register file has ${lines.length} problems:\n${listed.join('\n')}`, { problems: lines });
}

/** A value as a user would recognise it in the file: strings quoted, objects abbreviated. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}
