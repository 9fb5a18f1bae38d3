import type { DateArray, EventAttributes } from 'ics';
import { addDays, type LocalDate, parseLocalDate } from '../calendar/local-date';
import { formatLongDate } from '../notifications/templates/format';
import { BODY_NAMES } from '../reports/document/words';

/** What a feed shows, read from the register (calendar-feed.service.ts). */
export interface FeedFacts {
  meetings: ReadonlyArray<{
    id: string;
    body: string;
    date: LocalDate;
    title: string | null;
    version: number;
    /** Called off: its events stay, marked CANCELLED, so a calendar that has them shows it so. */
    cancelled: boolean;
    cancellationReason: string | null;
    agenda: ReadonlyArray<{ reference: string; title: string | null }>;
    agendaDeadline: LocalDate;
    papersDeadline: LocalDate;
  }>;
  consultations: ReadonlyArray<{
    id: string;
    kind: 'REFINEMENT' | 'MODIFICATION_REPORT';
    reference: string;
    title: string | null;
    opensOn: LocalDate;
    closesOn: LocalDate | null;
    version: number;
  }>;
  /** Open assessments whose target completion day is known. */
  targets: ReadonlyArray<{
    id: string;
    type: 'PRELIMINARY' | 'IMPACT';
    reference: string;
    title: string | null;
    changeRequest: string | null;
    targetOn: LocalDate;
    version: number;
  }>;
}

/** Every UID ends so: a calendar keeps an event by its UID, so an update moves it instead of adding one. */
const UID_DOMAIN = 'sec-modification-tracker';
const CONSULTATION_NAMES = { REFINEMENT: 'Refinement Consultation', MODIFICATION_REPORT: 'Modification Report Consultation' } as const;
const ASSESSMENT_NAMES = { PRELIMINARY: 'Preliminary Assessment', IMPACT: 'Impact Assessment' } as const;

/** MP141: SRV Visibility for Devices on SSI (a proposal's title may not be known). */
const named = (p: { reference: string; title: string | null }) => (p.title ? `${p.reference}: ${p.title}` : p.reference);

const day = (d: LocalDate): DateArray => {
  const { year, month, day: dd } = parseLocalDate(d);
  return [year, month, dd];
};

/** An all-day event from `first` to `last`, both included (iCalendar's end is the day after). */
function allDay(uid: string, first: LocalDate, last: LocalDate, rest: Omit<EventAttributes, 'start' | 'end' | 'duration' | 'uid'>): EventAttributes {
  return { uid: `${uid}@${UID_DOMAIN}`, start: day(first), end: day(addDays(last, 1)), transp: 'TRANSPARENT', busyStatus: 'FREE', ...rest } as EventAttributes;
}

/**
 * The feed's events: each meeting with its agenda, its agenda and papers deadlines, each
 * consultation's window, and each open assessment's target day. All-day events, with the row's
 * version as SEQUENCE, so that a calendar takes a changed date as the newer one.
 */
export function feedEvents(facts: FeedFacts): EventAttributes[] {
  const events: EventAttributes[] = [];
  for (const m of facts.meetings) {
    const body = BODY_NAMES[m.body] ?? m.body;
    const name = `${body}, ${formatLongDate(m.date)}`;
    const agenda = m.agenda.length ? m.agenda.map((a) => `- ${named(a)}`).join('\n') : 'Agenda not yet known.';
    const cancelled = m.cancelled ? ({ status: 'CANCELLED' } as const) : {};
    const calledOff = m.cancelled ? 'Cancelled: ' : '';
    events.push(
      allDay(`meeting-${m.id}`, m.date, m.date, {
        ...cancelled,
        title: `${calledOff}SEC ${body}${m.title ? `: ${m.title}` : ''}`,
        description: `${m.cancelled ? `Called off: ${m.cancellationReason}\n\n` : ''}${agenda}\n\nAgenda deadline: ${formatLongDate(m.agendaDeadline)}\nPapers deadline: ${formatLongDate(m.papersDeadline)}`,
        categories: ['Meeting', body],
        sequence: m.version,
      }),
      allDay(`meeting-${m.id}-agenda-deadline`, m.agendaDeadline, m.agendaDeadline, {
        ...cancelled,
        title: `${calledOff}Agenda deadline: ${name}`,
        description: `The agenda of the ${body} on ${formatLongDate(m.date)} is confirmed by today (10 Working Days before).`,
        categories: ['Deadline', body],
        sequence: m.version,
      }),
      allDay(`meeting-${m.id}-papers-deadline`, m.papersDeadline, m.papersDeadline, {
        ...cancelled,
        title: `${calledOff}Papers deadline: ${name}`,
        description: `The papers of the ${body} on ${formatLongDate(m.date)} are published by today (5 Working Days before).`,
        categories: ['Deadline', body],
        sequence: m.version,
      }),
    );
  }
  for (const c of facts.consultations) {
    const kind = CONSULTATION_NAMES[c.kind];
    events.push(
      allDay(`consultation-${c.id}`, c.opensOn, c.closesOn ?? c.opensOn, {
        title: c.closesOn ? `${c.reference} ${kind}` : `${c.reference} ${kind} opens`,
        description: `${named(c)}\nOpens ${formatLongDate(c.opensOn)}${c.closesOn ? `, closes ${formatLongDate(c.closesOn)}` : '; its close is not yet set'}.`,
        categories: ['Consultation'],
        sequence: c.version,
      }),
    );
  }
  for (const t of facts.targets) {
    const type = ASSESSMENT_NAMES[t.type];
    events.push(
      allDay(`assessment-${t.id}-target`, t.targetOn, t.targetOn, {
        title: `${t.reference} ${type} target`,
        description: `${named(t)}\n${type}${t.changeRequest ? ` (${t.changeRequest})` : ''} due by today, by its target in Working Days.`,
        categories: ['Assessment target'],
        sequence: t.version,
      }),
    );
  }
  return events;
}
