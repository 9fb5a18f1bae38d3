import type { GraphQLField } from 'graphql';
import type { LocalDate } from '../../calendar/local-date';
import type { WorkingCalendar } from '../../calendar/working-calendar';
import type { ComputedFacts } from '../../read-model/answer-shape';
import { costInPounds } from '../../assessments/assessment.entity';
import { AGENDA_DEADLINE_WORKING_DAYS, PAPERS_DEADLINE_WORKING_DAYS } from '../../meetings/meeting.enums';
import { type PhaseFacts, phaseOnDay } from '../../modifications/phase-on-day';
import { type AssessmentFacts, slaOn, targetCompletionOn } from '../../sla/sla-calculator';
import { isRefinementStalled, isWorkPackageOverdue, type WorkPackageFacts } from '../../work-packages/refinement-stall';

/** What working out a computed field needs besides the row's facts: the calendar, today, the threshold. */
export interface ComputeEnv {
  calendar: WorkingCalendar;
  today: LocalDate;
  dueSoonWorkingDays: number;
}

/**
 * A field of the register that no column holds, answered on the compiled path: its facts come in
 * the one statement, and the same TypeScript its resolver calls works it out (so the two paths
 * cannot answer differently). `args` are the field's arguments, as the resolver would get them.
 */
export interface CompiledComputed extends ComputedFacts {
  compute(facts: unknown, args: Record<string, unknown>, env: ComputeEnv): unknown;
  /** Whether `compute` reads env.calendar: a request whose fields do not is not made to fetch it. */
  readsCalendar: boolean;
}

/** An assessment's clock facts as the calculator reads them, pauses oldest first (bench:api's second floor reads the same). */
export const assessmentFacts = (a: string) => `json_build_object(
  'acceptedOn', ${a}.accepted_on, 'returnedOn', ${a}.returned_on, 'targetWorkingDays', ${a}.target_working_days,
  'pauses', coalesce((SELECT json_agg(json_build_object('from', p.from_on, 'to', p.to_on) ORDER BY p.from_on)
                        FROM assessment_pause p WHERE p.assessment_id = ${a}.id), '[]'::json))`;

/** A work package's facts as the black-hole rule reads them. */
const workPackageFacts = (w: string) => `json_build_object('returnToPanelMonth', ${w}.return_to_panel_month, 'completedOn', ${w}.completed_on)`;

/** The day a meeting's deadline falls: `workingDays` Working Days before it. */
const deadline = (workingDays: number): CompiledComputed => ({
  facts: (m) => `${m}.meeting_on`,
  compute: (day, _args, env) => env.calendar.addWorkingDays(day as LocalDate, -workingDays),
  readsCalendar: true,
});

const dayOr = (args: Record<string, unknown>, env: ComputeEnv) => (args.asOf as LocalDate | null | undefined) ?? env.today;

/** The computed fields the compiled path answers, by GraphQL type and field (the resolvers' own). */
export const COMPILED_COMPUTED: Readonly<Record<string, Readonly<Record<string, CompiledComputed>>>> = {
  Assessment: {
    // A getter on the entity: the column's exact text, made a number by the same function.
    costGbp: {
      facts: (a) => `${a}.cost_gbp::text`,
      compute: (text) => costInPounds(text as string | null),
      readsCalendar: false,
    },
    targetCompletionOn: {
      facts: assessmentFacts,
      compute: (facts, _args, env) => targetCompletionOn(facts as AssessmentFacts, env.calendar),
      readsCalendar: true,
    },
    sla: {
      facts: assessmentFacts,
      compute: (facts, args, env) => slaOn(facts as AssessmentFacts, dayOr(args, env), env.calendar, env.dueSoonWorkingDays),
      readsCalendar: true,
    },
  },
  Meeting: {
    agendaDeadline: deadline(AGENDA_DEADLINE_WORKING_DAYS),
    papersDeadline: deadline(PAPERS_DEADLINE_WORKING_DAYS),
  },
  WorkPackage: {
    overdue: {
      facts: workPackageFacts,
      compute: (facts, args, env) => isWorkPackageOverdue(facts as WorkPackageFacts, dayOr(args, env)),
      readsCalendar: false,
    },
  },
  Modification: {
    phaseOn: {
      // Its changes in the order modifications_on (the SQL as-of rule the resolver reads) takes them.
      facts: (m) => `json_build_object('raisedOn', ${m}.raised_on, 'phase', ${m}.phase, 'changes', coalesce((SELECT json_agg(
                       json_build_object('on', pc.changed_on, 'to', pc.to_phase) ORDER BY pc.changed_on, pc.recorded_at, pc.id)
                       FROM phase_change pc WHERE pc.modification_id = ${m}.id), '[]'::json))`,
      compute: (facts, args) => phaseOnDay(facts as PhaseFacts, args.date as LocalDate),
      readsCalendar: false,
    },
    refinementStalled: {
      // The phase the row has (the register's as of a day, on such a page), and its work packages.
      facts: (m) => `json_build_object('phase', ${m}.phase, 'workPackages', coalesce((SELECT json_agg(${workPackageFacts('w')})
                       FROM work_package w WHERE w.modification_id = ${m}.id), '[]'::json))`,
      compute: (facts, args, env) => {
        const { phase, workPackages } = facts as { phase: string; workPackages: WorkPackageFacts[] };
        return phase === 'REFINE' && isRefinementStalled(workPackages, dayOr(args, env));
      },
      readsCalendar: false,
    },
  },
};

export function compiledComputedOf(typeName: string, field: GraphQLField<unknown, unknown>): CompiledComputed | undefined {
  return COMPILED_COMPUTED[typeName]?.[field.name];
}
