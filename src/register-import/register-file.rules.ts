import type { LocalDate } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import {
  decisionFitsTheProposal, factNotAfterToday, meetingOnWorkingDay, onlyPanelsNumbered, referenceFitsKind, RuleBrokenError, secObjectives,
} from '../register-rules/rules';
import type { RegisterFile } from './register-file.schema';
import { entryLabel, type RegisterProblem, type Section } from './register-problems';

/**
 * The register's rules (register-rules/rules.ts) applied to a file, as the API applies them to
 * one request: every entry that breaks one is reported, with the rule's own words. What the file
 * cannot tell (a proposal's phase on a past day: a file holds today's phase only) is not judged.
 */
export function ruleProblems(file: RegisterFile, on: { today: LocalDate; calendar: WorkingCalendar }): RegisterProblem[] {
  const problems: RegisterProblem[] = [];
  const judge = (section: Section, index: number, entry: object, check: () => void) => {
    try {
      check();
    } catch (err) {
      if (!(err instanceof RuleBrokenError)) throw err;
      problems.push({ entry: entryLabel(section, index, entry), message: err.message });
    }
  };
  const fact = (field: string, date: LocalDate | undefined) => () => factNotAfterToday(field, date, on.today);
  const proposals = new Map(file.modifications.map((m) => [m.reference, m]));
  file.modifications.forEach((m, i) => {
    judge('modifications', i, m, () => referenceFitsKind(m.reference, m.kind));
    judge('modifications', i, m, fact('raisedOn', m.raisedOn));
  });
  file.assessments.forEach((a, i) => {
    for (const field of ['requestedOn', 'acceptedOn', 'returnedOn'] as const) judge('assessments', i, a, fact(field, a[field]));
  });
  file.meetings.forEach((m, i) => {
    judge('meetings', i, m, () => meetingOnWorkingDay(m.date, on.calendar));
    judge('meetings', i, m, () => onlyPanelsNumbered(m.body, m.number));
  });
  file.decisions.forEach((d, i) => {
    judge('decisions', i, d, fact('on', d.on));
    if (d.objectives) judge('decisions', i, d, () => secObjectives(d.objectives!));
    const m = proposals.get(d.modification);
    if (m) {
      judge('decisions', i, d, () => decisionFitsTheProposal({
        body: d.body, on: d.on, reference: d.modification, kind: m.kind, path: m.path ?? null, raisedOn: m.raisedOn ?? null, phaseBefore: null, phaseAfter: null,
      }));
    }
  });
  return problems;
}
