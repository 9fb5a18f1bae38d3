import { registerEnumType } from 'type-graphql';

export enum MeetingBody {
  WORKING_GROUP = 'WORKING_GROUP',
  PANEL = 'PANEL',
  CHANGE_BOARD = 'CHANGE_BOARD',
  CHANGE_SUB_COMMITTEE = 'CHANGE_SUB_COMMITTEE',
  TABASC = 'TABASC',
  SECURITY_SUB_COMMITTEE = 'SECURITY_SUB_COMMITTEE',
  OPERATIONS_GROUP = 'OPERATIONS_GROUP',
}

registerEnumType(MeetingBody, {
  name: 'MeetingBody',
  description: 'The bodies of the change process that meet.',
  valuesConfig: {
    CHANGE_BOARD: { description: 'The Change Board.' },
    CHANGE_SUB_COMMITTEE: { description: 'The Change Sub-Committee.' },
    OPERATIONS_GROUP: { description: 'The Operations Group.' },
    PANEL: { description: 'The SEC Panel.' },
    SECURITY_SUB_COMMITTEE: { description: 'The Security Sub-Committee.' },
    TABASC: { description: 'The Technical Architecture and Business Architecture Sub-Committee.' },
    WORKING_GROUP: { description: 'The Modification Working Group: first Wednesday of each month that is a Working Day.' },
  },
});

/** The agenda must be confirmed this many Working Days before a meeting, and papers published that many. */
export const AGENDA_DEADLINE_WORKING_DAYS = 10;
export const PAPERS_DEADLINE_WORKING_DAYS = 5;
