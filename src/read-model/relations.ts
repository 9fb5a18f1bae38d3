import { AssessmentPause } from '../assessments/assessment-pause.entity';
import { Assessment } from '../assessments/assessment.entity';
import { Consultation } from '../consultations/consultation.entity';
import { Decision } from '../decisions/decision.entity';
import { Meeting } from '../meetings/meeting.entity';
import { FormerReference } from '../modifications/former-reference.entity';
import { Modification } from '../modifications/modification.entity';
import { PhaseChange } from '../modifications/phase-change.entity';
import { Release } from '../releases/release.entity';
import { WorkPackage } from '../work-packages/work-package.entity';

export type EntityClass = new () => object;

/**
 * How a row reaches its related rows in SQL: `c` is the related row's alias, `p` the parent's.
 * The order is the one the API promises (and the batch loaders use).
 */
export interface Relation {
  target: EntityClass;
  many: boolean;
  /** FROM … (the related table aliased `c`, with any link table) and the WHERE that ties it to `p`. */
  join(c: string, p: string): { from: string; where: string };
  order?(c: string): string;
}

/** A computed field: the columns it reads ('*': all) and the relations it needs brought along. */
export interface Computed {
  columns: '*' | readonly string[];
  relations?: readonly string[];
}

export interface ReadableEntity {
  relations: Record<string, Relation>;
  computed: Record<string, Computed>;
}

const ofModification = (): Relation => ({
  target: Modification, many: false,
  join: (c, p) => ({ from: `modification ${c}`, where: `${c}.id = ${p}.modification_id` }),
});

export const READABLE = new Map<EntityClass, ReadableEntity>([
  [Modification, {
    relations: {
      formerReferences: {
        target: FormerReference, many: true,
        join: (c, p) => ({ from: `modification_former_reference ${c}`, where: `${c}.modification_id = ${p}.id` }),
        order: (c) => `${c}.replaced_on, ${c}.reference`,
      },
      dependsOn: {
        target: Modification, many: true,
        join: (c, p) => ({ from: `modification_dependency ${c}_d JOIN modification ${c} ON ${c}.id = ${c}_d.depends_on_id`, where: `${c}_d.modification_id = ${p}.id` }),
        order: (c) => `${c}.reference`,
      },
      targetRelease: {
        target: Release, many: false,
        join: (c, p) => ({ from: `release ${c}`, where: `${c}.id = ${p}.target_release_id` }),
      },
      assessments: {
        target: Assessment, many: true,
        join: (c, p) => ({ from: `assessment ${c}`, where: `${c}.modification_id = ${p}.id` }),
        order: (c) => `${c}.requested_on, ${c}.accepted_on, ${c}.returned_on, ${c}.id`,
      },
      consultations: {
        target: Consultation, many: true,
        join: (c, p) => ({ from: `consultation ${c}`, where: `${c}.modification_id = ${p}.id` }),
        order: (c) => `${c}.opens_on, ${c}.id`,
      },
      decisions: {
        target: Decision, many: true,
        join: (c, p) => ({ from: `decision ${c}`, where: `${c}.modification_id = ${p}.id` }),
        order: (c) => `${c}.decided_on, ${c}.created_at`,
      },
      meetings: {
        target: Meeting, many: true,
        join: (c, p) => ({ from: `agenda_item ${c}_a JOIN meeting ${c} ON ${c}.id = ${c}_a.meeting_id`, where: `${c}_a.modification_id = ${p}.id` }),
        order: (c) => `${c}.meeting_on, ${c}.body`,
      },
      history: {
        target: PhaseChange, many: true,
        join: (c, p) => ({ from: `phase_change ${c}`, where: `${c}.modification_id = ${p}.id` }),
        order: (c) => `${c}.changed_on, ${c}.recorded_at`,
      },
      workPackages: {
        target: WorkPackage, many: true,
        join: (c, p) => ({ from: `work_package ${c}`, where: `${c}.modification_id = ${p}.id` }),
        order: (c) => `${c}.return_to_panel_month, ${c}.created_at`,
      },
    },
    computed: { refinementStalled: { columns: ['phase'], relations: ['workPackages'] } },
  }],
  [Assessment, {
    relations: {
      modification: ofModification(),
      pauses: {
        target: AssessmentPause, many: true,
        join: (c, p) => ({ from: `assessment_pause ${c}`, where: `${c}.assessment_id = ${p}.id` }),
        order: (c) => `${c}.from_on`,
      },
    },
    computed: { sla: { columns: '*', relations: ['pauses'] }, targetCompletionOn: { columns: '*', relations: ['pauses'] } },
  }],
  [Meeting, {
    relations: {
      agenda: {
        target: Modification, many: true,
        join: (c, p) => ({ from: `agenda_item ${c}_a JOIN modification ${c} ON ${c}.id = ${c}_a.modification_id`, where: `${c}_a.meeting_id = ${p}.id` }),
        order: (c) => `${c}_a.position`,
      },
    },
    computed: { agendaDeadline: { columns: ['date'] }, papersDeadline: { columns: ['date'] } },
  }],
  [Release, {
    relations: {
      modifications: {
        target: Modification, many: true,
        join: (c, p) => ({ from: `modification ${c}`, where: `${c}.target_release_id = ${p}.id` }),
        order: (c) => `${c}.reference`,
      },
    },
    computed: {},
  }],
  [Consultation, { relations: { modification: ofModification() }, computed: {} }],
  [Decision, { relations: { modification: ofModification() }, computed: {} }],
  [WorkPackage, { relations: { modification: ofModification() }, computed: { overdue: { columns: '*' } } }],
  [AssessmentPause, { relations: {}, computed: {} }],
  [PhaseChange, { relations: {}, computed: {} }],
  [FormerReference, { relations: {}, computed: {} }],
]);
