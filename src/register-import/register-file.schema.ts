import { z } from 'zod';
import { AssessmentType } from '../assessments/assessment.enums';
import { isLocalDate, isYearMonth } from '../calendar/local-date';
import { ConsultationKind } from '../consultations/consultation.enums';
import { DecisionBody } from '../decisions/decision.enums';
import { MeetingBody } from '../meetings/meeting.enums';
import { PrintedFigureKind } from '../reports/paper/printed-figure';
import { DecisionPath, ModificationKind, ModificationPhase } from '../modifications/modification.enums';
import { ReleaseKind } from '../releases/release.enums';
import { isId } from '../common/ids';
import { checkRegisterFile } from './register-file.checks';
import { entryLabel, refuse, SECTIONS, show, type RegisterProblem, type Section } from './register-problems';

/**
 * The register file format of ../shared/data/README.md, as a zod schema. Every object is strict:
 * a misspelt key ("acceptedDate") is refused instead of silently importing a null. Every field
 * carries its own message, written for the person who edits the file, with the value at fault.
 */

type Issue = { input?: unknown };
const missingOr = (what: string) => (iss: Issue) =>
  iss.input === undefined ? `is required (${what})` : `${show(iss.input)} is not ${what}`;

const text = () => z.string({ error: missingOr('text') });
const nonBlank = () => text().refine((s) => s.trim() !== '', { error: 'must not be blank' });

const localDate = () =>
  z.string({ error: missingOr('a date (YYYY-MM-DD)') }).refine(isLocalDate, {
    error: (iss) => `${show(iss.input)} is not a date (YYYY-MM-DD)`,
  });

const yearMonth = () =>
  z.string({ error: missingOr('a month (YYYY-MM)') }).refine(isYearMonth, {
    error: (iss) => `${show(iss.input)} is not a month (YYYY-MM)`,
  });

/** Same rule as the database's CHECK on modification.reference, said in words. */
const REFERENCE_PATTERN = /^[A-Za-z]+[0-9]+[A-Za-z]*$/;
const reference = () =>
  z.string({ error: missingOr('a modification reference') }).refine((s) => REFERENCE_PATTERN.test(s), {
    error: (iss) => `${show(iss.input)} is not a modification reference (letters then digits, e.g. DP156, MP122A, SECMP0015)`,
  });

const enumOf = <E extends Record<string, string>>(values: E) => {
  const allowed = Object.values(values).join(', ');
  return z.enum(values, {
    error: (iss) => (iss.input === undefined ? `is required (one of ${allowed})` : `${show(iss.input)} is not one of ${allowed}`),
  });
};

const positiveWholeNumber = () =>
  z.number({ error: missingOr('a number') }).refine((n) => Number.isInteger(n) && n > 0, {
    error: (iss) => `${show(iss.input)} is not a positive whole number`,
  });

/** numeric(14, 2) in the database: pounds and pence, never negative. Rounding silently would change a figure. */
const poundsAndPence = () =>
  z
    .number({ error: missingOr('an amount in pounds') })
    .refine((n) => n >= 0, { error: (iss) => `${show(iss.input)} is negative` })
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6 && n < 1e12, {
      error: (iss) => `${show(iss.input)} is not an amount in pounds and pence`,
    });

const list = <T extends z.ZodType>(item: T) => z.array(item, { error: missingOr('a list') });

const modificationEntry = z.strictObject({
  reference: reference(),
  title: text().optional(),
  summary: text().optional(),
  note: text().optional(),
  kind: enumOf(ModificationKind),
  phase: enumOf(ModificationPhase),
  path: enumOf(DecisionPath).optional(),
  proposer: text().optional(),
  proposerOrganisation: text().optional(),
  raisedOn: localDate().optional(),
  onHold: z.boolean({ error: missingOr('true or false') }),
  onHoldReason: text().optional(),
  // The README lists dependsOn without "?", yet the 2021 file leaves it out on every entry:
  // omitted means "waits on nothing", as an empty list would.
  dependsOn: list(reference()).optional(),
  targetRelease: nonBlank().optional(),
});

/** A register id (a UUID), as the spreadsheet export gives each assessment. */
const registerId = () =>
  z.string({ error: missingOr('a register id') }).refine((s) => isId(s), { error: (iss) => `${show(iss.input)} is not a register id (leave it as the export wrote it, or blank for a new assessment)` });

const assessmentEntry = z.strictObject({
  modification: reference(),
  type: enumOf(AssessmentType),
  changeRequest: nonBlank().optional(),
  requestedOn: localDate().optional(),
  acceptedOn: localDate().optional(),
  targetWorkingDays: positiveWholeNumber(),
  expectedCompletionOn: localDate().optional(),
  returnedOn: localDate().optional(),
  costGbp: poundsAndPence().optional(),
  commentary: text().optional(),
  note: text().optional(),
  // Not in the Change Status Report's files: the spreadsheet export names each assessment by its
  // id, so that an edited row (its dates corrected, say) updates that assessment.
  id: registerId().optional(),
});

const meetingEntry = z.strictObject({
  body: enumOf(MeetingBody),
  date: localDate(),
  // The 2021 file's next Working Group (5 May 2021) has no agenda yet: omitted means empty.
  agenda: list(reference()).optional(),
  // A Panel meeting's number (91 for 16 April 2021), which its papers' references cite.
  number: positiveWholeNumber().optional(),
  note: text().optional(),
});

const consultationEntry = z.strictObject({
  modification: reference(),
  kind: enumOf(ConsultationKind),
  opensOn: localDate(),
  closesOn: localDate().optional(),
  note: text().optional(),
});

const decisionEntry = z.strictObject({
  modification: reference(),
  body: enumOf(DecisionBody),
  on: localDate(),
  outcome: nonBlank(),
  // The SEC Objectives the decision cited: "a" or "(a)", as the API takes them (the register's rules judge them).
  objectives: list(nonBlank()).optional(),
  note: text().optional(),
});

const releaseEntry = z.strictObject({
  name: nonBlank(),
  releaseDate: localDate().optional(),
  kind: enumOf(ReleaseKind),
  modifications: list(reference()).default([]),
});

const workPackageEntry = z.strictObject({
  modification: reference(),
  tasks: list(nonBlank()).min(1, { error: 'must list at least one task' }),
  returnToPanelMonth: yearMonth(),
  note: text().optional(),
});

const nonNegativeNumber = () =>
  z.number({ error: missingOr('a number') }).refine((n) => Number.isFinite(n) && n >= 0 && n < 1e8, {
    error: (iss) => `${show(iss.input)} is not a number of zero or more`,
  });

/** A figure a paper printed, for the rebuilt paper to compare its own with. */
const printedFigureEntry = z.strictObject({
  period: yearMonth(),
  figure: enumOf(PrintedFigureKind),
  total: nonNegativeNumber().refine(Number.isInteger, { error: (iss) => `${show(iss.input)} is not a whole number` }).optional(),
  averageWorkingDays: nonNegativeNumber().optional(),
  text: nonBlank().optional(),
  note: text().optional(),
}).refine((f) => f.total !== undefined || f.averageWorkingDays !== undefined || f.text !== undefined, {
  error: 'must give what the paper printed: total, averageWorkingDays or text',
});

const ENTRY_SCHEMAS = {
  modifications: modificationEntry,
  assessments: assessmentEntry,
  meetings: meetingEntry,
  consultations: consultationEntry,
  decisions: decisionEntry,
  releases: releaseEntry,
  workPackages: workPackageEntry,
  printedFigures: printedFigureEntry,
} as const satisfies Record<Section, z.ZodObject>;

export const registerFileSchema = z.strictObject({
  source: nonBlank(),
  asOf: localDate(),
  // A section with nothing to say may be left out.
  modifications: list(modificationEntry).default([]),
  assessments: list(assessmentEntry).default([]),
  meetings: list(meetingEntry).default([]),
  consultations: list(consultationEntry).default([]),
  decisions: list(decisionEntry).default([]),
  releases: list(releaseEntry).default([]),
  workPackages: list(workPackageEntry).default([]),
  printedFigures: list(printedFigureEntry).default([]),
});

export type RegisterFile = z.output<typeof registerFileSchema>;
export type RegisterModification = RegisterFile['modifications'][number];
export type RegisterAssessment = RegisterFile['assessments'][number];
export type RegisterMeeting = RegisterFile['meetings'][number];
export type RegisterConsultation = RegisterFile['consultations'][number];
export type RegisterDecision = RegisterFile['decisions'][number];
export type RegisterRelease = RegisterFile['releases'][number];
export type RegisterWorkPackage = RegisterFile['workPackages'][number];

/**
 * Validates a parsed JSON value as a register file and cross-checks it (duplicates, date order,
 * releases against targetRelease). References to proposals and releases that are not in the
 * file are checked later, against the database, inside the import's transaction.
 * Throws an InvalidInputError naming every entry at fault.
 */
export function parseRegisterFile(json: unknown): RegisterFile {
  const result = registerFileSchema.safeParse(json, {
    // Fallback for issues the field schemas do not word themselves (an entry that is not an object...).
    error: (iss) => (iss.code === 'invalid_type' ? missingOr(iss.expected === 'array' ? 'a list' : `a${/^[aeiou]/.test(iss.expected) ? 'n' : ''} ${iss.expected}`)(iss) : undefined),
  });
  if (!result.success) refuse(result.error.issues.map((issue) => problemOf(issue, json)));
  const problems = checkRegisterFile(result.data);
  if (problems.length) refuse(problems);
  return result.data;
}

function problemOf(issue: z.core.$ZodIssue, json: unknown): RegisterProblem {
  const [head, index, ...rest] = issue.path;
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (the keys are: ${allowedKeys(issue.path).join(', ')})`
      : issue.message;
  if (typeof head === 'string' && (SECTIONS as readonly string[]).includes(head) && typeof index === 'number') {
    const raw = (json as Record<string, unknown[]>)[head][index];
    return { entry: entryLabel(head as Section, index, raw), field: fieldPath(rest) || undefined, message };
  }
  return { entry: fieldPath(issue.path) || 'the file', message };
}

/** ['agenda', 1] -> 'agenda[1]' */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function allowedKeys(path: readonly PropertyKey[]): string[] {
  const section = path[0] as Section | undefined;
  return Object.keys(path.length === 0 || !section ? registerFileSchema.shape : ENTRY_SCHEMAS[section].shape);
}
