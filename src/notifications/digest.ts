/**
 * The morning digest as data (SPEC "Notifications"): a pure function of the register's facts, a
 * day, a calendar and the sections a group receives. The job, the preview and the tests share it;
 * templates only render what it decides.
 */
import type { LocalDate } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { AGENDA_DEADLINE_WORKING_DAYS, PAPERS_DEADLINE_WORKING_DAYS } from '../meetings/meeting.enums';
import { type AssessmentFacts, type SlaStatus, slaOn, targetCompletionOn } from '../sla/sla-calculator';
import { isRefinementStalled, isWorkPackageOverdue } from '../work-packages/refinement-stall';
import { DigestSection } from './digest-section';

/** Consultations that open within this many Working Days are announced... */
export const CONSULTATION_OPENS_WITHIN_WORKING_DAYS = 5;
/** ...and those that close within this many. */
export const CONSULTATION_CLOSES_WITHIN_WORKING_DAYS = 3;
/** Working Group agenda and papers deadlines within this many Working Days. */
export const MEETING_DEADLINE_WITHIN_WORKING_DAYS = 3;

export type AssessmentKind = 'PRELIMINARY' | 'IMPACT';

export interface DigestAssessmentFacts extends AssessmentFacts {
  id: string;
  reference: string;
  title: string | null;
  type: AssessmentKind;
  changeRequest: string | null;
  expectedCompletionOn: LocalDate | null;
  commentary: string | null;
}

export interface DigestTransitionFacts {
  /** sla_transition's id (a bigint, as text): the order they were recorded in. */
  id: string;
  assessmentId: string;
  onDay: LocalDate;
  from: SlaStatus | null;
  to: SlaStatus;
}

export interface DigestFacts {
  /** Open on the day, and any that a transition in the window names. */
  assessments: readonly DigestAssessmentFacts[];
  /** Stored changes of status in the window (see `DigestRequest`), up to the day. */
  transitions: readonly DigestTransitionFacts[];
  consultations: ReadonlyArray<{ reference: string; title: string | null; kind: string; opensOn: LocalDate; closesOn: LocalDate | null }>;
  workingGroups: ReadonlyArray<{ date: LocalDate; agenda: readonly string[] }>;
  /** Proposals in REFINE, with their work packages. */
  refining: ReadonlyArray<{
    reference: string;
    title: string | null;
    workPackages: ReadonlyArray<{ returnToPanelMonth: string; completedOn: LocalDate | null }>;
  }>;
}

export interface AssessmentLine {
  reference: string;
  title: string | null;
  type: AssessmentKind;
  changeRequest: string | null;
  acceptedOn: LocalDate | null;
  targetOn: LocalDate | null;
  status: 'OVERDUE' | 'DUE_SOON';
  /** Positive: Working Days over target; see `workingDaysLeft` for due-soon ones. */
  workingDaysOver: number;
  workingDaysLeft: number;
  expectedCompletionOn: LocalDate | null;
  commentary: string | null;
}

export type Change = 'NEWLY_OVERDUE' | 'NEWLY_DUE_SOON' | 'RETURNED_ON_TIME' | 'RETURNED_LATE' | 'RETURNED';

export interface ChangeLine {
  reference: string;
  title: string | null;
  type: AssessmentKind;
  changeRequest: string | null;
  change: Change;
  on: LocalDate;
}

export interface ConsultationLine {
  reference: string;
  title: string | null;
  kind: string;
  event: 'OPENS' | 'CLOSES';
  on: LocalDate;
  opensOn: LocalDate;
  closesOn: LocalDate | null;
}

export interface DeadlineLine {
  meetingOn: LocalDate;
  deadline: 'AGENDA' | 'PAPERS';
  on: LocalDate;
  agenda: readonly string[];
}

export interface RefinementLine {
  reference: string;
  title: string | null;
  problem: 'NO_OPEN_WORK_PACKAGE' | 'PAST_RETURN_MONTH';
  /** The month the overdue package was due back at the Panel. */
  returnToPanelMonth: string | null;
}

export interface Digest {
  group: string;
  day: LocalDate;
  /** Changes are those after this day, up to `day`. */
  since: LocalDate;
  sections: readonly DigestSection[];
  changes: ChangeLine[];
  assessments: AssessmentLine[];
  consultations: ConsultationLine[];
  deadlines: DeadlineLine[];
  refinement: RefinementLine[];
}

const NEWS: Partial<Record<SlaStatus, Change>> = {
  OVERDUE: 'NEWLY_OVERDUE',
  DUE_SOON: 'NEWLY_DUE_SOON',
  COMPLETED_ON_TIME: 'RETURNED_ON_TIME',
  COMPLETED_LATE: 'RETURNED_LATE',
  COMPLETED: 'RETURNED',
};

const byReference = <T extends { reference: string }>(a: T, b: T) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0);

export interface DigestRequest {
  group: string;
  day: LocalDate;
  /** Changes on days after this one are news... */
  since: LocalDate;
  /**
   * ...and so are those recorded after this transition, whatever their day: the last one the
   * group's previous digest reported (a recompute run after the morning's digest is news next time).
   */
  afterTransitionId: string | null;
  sections: readonly DigestSection[];
  calendar: WorkingCalendar;
  dueSoonWorkingDays: number;
}

export function buildDigest(facts: DigestFacts, request: DigestRequest): Digest {
  const { day, calendar } = request;
  const wants = new Set(request.sections);
  return {
    group: request.group,
    day,
    since: request.since,
    sections: request.sections,
    changes: wants.has(DigestSection.CHANGES) ? changesOf(facts, request) : [],
    assessments: wants.has(DigestSection.ASSESSMENTS) ? lateAssessments(facts, day, calendar, request.dueSoonWorkingDays) : [],
    consultations: wants.has(DigestSection.CONSULTATIONS) ? consultationsSoon(facts, day, calendar) : [],
    deadlines: wants.has(DigestSection.MEETING_DEADLINES) ? deadlinesSoon(facts, day, calendar) : [],
    refinement: wants.has(DigestSection.REFINEMENT) ? stalledRefinement(facts, day) : [],
  };
}

/** Nothing to say: no email. */
export function isEmptyDigest(d: Digest): boolean {
  return d.changes.length + d.assessments.length + d.consultations.length + d.deadlines.length + d.refinement.length === 0;
}

/**
 * The last news of each assessment in the window. A first stored status (from null: a new
 * install, an import) is not news; nor are moves to ON_TRACK, PAUSED or AWAITING_ACCEPTANCE.
 */
function changesOf(facts: DigestFacts, { since, day, afterTransitionId }: DigestRequest): ChangeLine[] {
  const assessments = new Map(facts.assessments.map((a) => [a.id, a]));
  const latest = new Map<string, DigestTransitionFacts>();
  const after = afterTransitionId === null ? null : BigInt(afterTransitionId);
  const inWindow = (t: DigestTransitionFacts) => t.onDay <= day && (t.onDay > since || (after !== null && BigInt(t.id) > after));
  for (const t of facts.transitions) {
    if (t.from === null || !NEWS[t.to] || !inWindow(t)) continue;
    const seen = latest.get(t.assessmentId);
    if (!seen || t.onDay >= seen.onDay) latest.set(t.assessmentId, t);
  }
  const lines: ChangeLine[] = [];
  for (const t of latest.values()) {
    const a = assessments.get(t.assessmentId);
    if (!a) continue;
    lines.push({ reference: a.reference, title: a.title, type: a.type, changeRequest: a.changeRequest, change: NEWS[t.to]!, on: t.onDay });
  }
  return lines.sort((x, y) => byReference(x, y) || (x.type < y.type ? -1 : 1));
}

/** Overdue first (most over first), then due soon (least left first). */
function lateAssessments(facts: DigestFacts, day: LocalDate, calendar: WorkingCalendar, dueSoon: number): AssessmentLine[] {
  const lines: AssessmentLine[] = [];
  for (const a of facts.assessments) {
    const position = slaOn(a, day, calendar, dueSoon);
    if (position.status !== 'OVERDUE' && position.status !== 'DUE_SOON') continue;
    const remaining = position.remainingWorkingDays!;
    lines.push({
      reference: a.reference,
      title: a.title,
      type: a.type,
      changeRequest: a.changeRequest,
      acceptedOn: a.acceptedOn,
      targetOn: targetCompletionOn(a, calendar),
      status: position.status,
      workingDaysOver: Math.max(0, -remaining),
      workingDaysLeft: Math.max(0, remaining),
      expectedCompletionOn: a.expectedCompletionOn,
      commentary: a.commentary,
    });
  }
  return lines.sort((x, y) =>
    x.status !== y.status ? (x.status === 'OVERDUE' ? -1 : 1) : y.workingDaysOver - x.workingDaysOver || x.workingDaysLeft - y.workingDaysLeft || byReference(x, y),
  );
}

/** Opening within 5 Working Days (from today on), or closing within 3; by date. */
function consultationsSoon(facts: DigestFacts, day: LocalDate, calendar: WorkingCalendar): ConsultationLine[] {
  const opensBy = calendar.addWorkingDays(day, CONSULTATION_OPENS_WITHIN_WORKING_DAYS);
  const closesBy = calendar.addWorkingDays(day, CONSULTATION_CLOSES_WITHIN_WORKING_DAYS);
  const lines: ConsultationLine[] = [];
  for (const c of facts.consultations) {
    const base = { reference: c.reference, title: c.title, kind: c.kind, opensOn: c.opensOn, closesOn: c.closesOn };
    if (c.opensOn >= day && c.opensOn <= opensBy) lines.push({ ...base, event: 'OPENS', on: c.opensOn });
    if (c.closesOn && c.closesOn >= day && c.closesOn <= closesBy) lines.push({ ...base, event: 'CLOSES', on: c.closesOn });
  }
  return lines.sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : byReference(x, y)));
}

/** Working Group agenda (10 Working Days before) and papers (5 before) deadlines from today to 3 Working Days on. */
function deadlinesSoon(facts: DigestFacts, day: LocalDate, calendar: WorkingCalendar): DeadlineLine[] {
  const by = calendar.addWorkingDays(day, MEETING_DEADLINE_WITHIN_WORKING_DAYS);
  const lines: DeadlineLine[] = [];
  for (const meeting of facts.workingGroups) {
    const deadlines = [
      { deadline: 'AGENDA' as const, on: calendar.addWorkingDays(meeting.date, -AGENDA_DEADLINE_WORKING_DAYS) },
      { deadline: 'PAPERS' as const, on: calendar.addWorkingDays(meeting.date, -PAPERS_DEADLINE_WORKING_DAYS) },
    ];
    for (const d of deadlines) {
      if (d.on >= day && d.on <= by) lines.push({ meetingOn: meeting.date, agenda: meeting.agenda, ...d });
    }
  }
  return lines.sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
}

/** Past their return month first (the Panel was promised a report), then those with no package at all. */
function stalledRefinement(facts: DigestFacts, day: LocalDate): RefinementLine[] {
  const lines: RefinementLine[] = [];
  for (const m of facts.refining) {
    if (!isRefinementStalled(m.workPackages, day)) continue;
    const overdue = m.workPackages.find((wp) => isWorkPackageOverdue(wp, day));
    lines.push({
      reference: m.reference,
      title: m.title,
      problem: overdue ? 'PAST_RETURN_MONTH' : 'NO_OPEN_WORK_PACKAGE',
      returnToPanelMonth: overdue?.returnToPanelMonth ?? null,
    });
  }
  return lines.sort((x, y) => (x.problem !== y.problem ? (x.problem === 'PAST_RETURN_MONTH' ? -1 : 1) : byReference(x, y)));
}
