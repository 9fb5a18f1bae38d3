import { registerEnumType } from 'type-graphql';

export enum ModificationKind {
  DRAFT_PROPOSAL = 'DRAFT_PROPOSAL',
  MODIFICATION_PROPOSAL = 'MODIFICATION_PROPOSAL',
}

export enum ModificationPhase {
  DEFINE = 'DEFINE',
  REFINE = 'REFINE',
  OPINE = 'OPINE',
  DECIDE = 'DECIDE',
  APPROVED = 'APPROVED',
  IMPLEMENTED = 'IMPLEMENTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum DecisionPath {
  AUTHORITY_LED = 'AUTHORITY_LED',
  AUTHORITY_DETERMINATION = 'AUTHORITY_DETERMINATION',
  SELF_GOVERNANCE = 'SELF_GOVERNANCE',
  FAST_TRACK = 'FAST_TRACK',
  URGENT = 'URGENT',
}

registerEnumType(ModificationKind, { name: 'ModificationKind' });
registerEnumType(ModificationPhase, {
  name: 'ModificationPhase',
  description: 'Where a proposal stands. DEFINE..DECIDE are the live phases; the rest are outcomes.',
});
registerEnumType(DecisionPath, {
  name: 'DecisionPath',
  valuesConfig: {
    AUTHORITY_LED: { description: "Path 1: raised at the Authority's direction." },
    AUTHORITY_DETERMINATION: { description: "Path 2: the Authority decides on the Change Board's recommendation." },
    SELF_GOVERNANCE: { description: 'Path 3: the Change Board decides.' },
    FAST_TRACK: { description: 'Raised by the Panel; the Panel decides.' },
    URGENT: { description: 'On a timetable agreed with the Authority.' },
  },
});
