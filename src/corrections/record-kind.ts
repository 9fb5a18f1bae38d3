import { registerEnumType } from 'type-graphql';

/** The kinds of record that strikeOut can take out of the register. */
export enum RecordKind {
  MODIFICATION = 'MODIFICATION',
  ASSESSMENT = 'ASSESSMENT',
  MEETING = 'MEETING',
  CONSULTATION = 'CONSULTATION',
  DECISION = 'DECISION',
  RELEASE = 'RELEASE',
  WORK_PACKAGE = 'WORK_PACKAGE',
}

registerEnumType(RecordKind, {
  name: 'RecordKind',
  description: 'The kinds of record that strikeOut can take out of the register.',
  valuesConfig: {
    MODIFICATION: { description: 'A proposal, with everything recorded of it (history, assessments, consultations, decisions, work packages); by id or reference.' },
    ASSESSMENT: { description: 'A DCC assessment, with its pauses and SLA history.' },
    MEETING: { description: 'A meeting, with its agenda.' },
    CONSULTATION: { description: 'A consultation window.' },
    DECISION: { description: 'A decision.' },
    RELEASE: { description: 'A release, by id or name; the proposals that targeted it no longer do.' },
    WORK_PACKAGE: { description: "A proposal's package of Refinement work." },
  },
});
