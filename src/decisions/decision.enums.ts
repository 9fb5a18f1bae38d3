import { registerEnumType } from 'type-graphql';

export enum DecisionBody {
  PANEL = 'PANEL',
  CHANGE_BOARD = 'CHANGE_BOARD',
  CHANGE_SUB_COMMITTEE = 'CHANGE_SUB_COMMITTEE',
  AUTHORITY = 'AUTHORITY',
}

registerEnumType(DecisionBody, {
  name: 'DecisionBody',
  description: 'The bodies that decide on proposals.',
  valuesConfig: {
    AUTHORITY: { description: 'The Authority (Ofgem): decides Authority Determination proposals sent to it.' },
    CHANGE_BOARD: { description: 'The Change Board: votes in the Report Phase, decides Self-Governance proposals and Impact Assessment requests.' },
    CHANGE_SUB_COMMITTEE: { description: 'The Change Sub-Committee: determinations on Draft Proposals.' },
    PANEL: { description: "The SEC Panel: Fast-Track proposals and the process's steps." },
  },
});
