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

registerEnumType(ModificationKind, {
  name: 'ModificationKind',
  description: 'Draft Proposal or Modification Proposal.',
  valuesConfig: {
    DRAFT_PROPOSAL: { description: 'A Draft Proposal (DP…), in Define until the Panel converts it.' },
    MODIFICATION_PROPOSAL: { description: 'A Modification Proposal (MP…, SECMP…).' },
  },
});
registerEnumType(ModificationPhase, {
  name: 'ModificationPhase',
  description: 'Where a proposal stands. DEFINE..DECIDE are the live phases; the rest are outcomes.',
  valuesConfig: {
    APPROVED: { description: 'Approved, awaiting its release.' },
    DECIDE: { description: 'With the Change Board or the Authority for decision.' },
    DEFINE: { description: 'A Draft Proposal being defined.' },
    IMPLEMENTED: { description: 'Implemented in a release.' },
    OPINE: { description: 'Report Phase: Modification Report Consultation and Change Board vote.' },
    REFINE: { description: 'Refinement Process: requirements, DCC assessments, Working Group, Refinement Consultation.' },
    REJECTED: { description: 'Rejected: it ends here.' },
    WITHDRAWN: { description: 'Withdrawn: it ends here.' },
  },
});
registerEnumType(DecisionPath, {
  name: 'DecisionPath',
  description: 'Who decides a proposal in the end.',
  valuesConfig: {
    AUTHORITY_LED: { description: "Path 1: raised at the Authority's direction." },
    AUTHORITY_DETERMINATION: { description: "Path 2: the Authority decides on the Change Board's recommendation." },
    SELF_GOVERNANCE: { description: 'Path 3: the Change Board decides.' },
    FAST_TRACK: { description: 'Raised by the Panel; the Panel decides.' },
    URGENT: { description: 'On a timetable agreed with the Authority.' },
  },
});
