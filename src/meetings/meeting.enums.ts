export enum MeetingBody {
  WORKING_GROUP = 'WORKING_GROUP',
  PANEL = 'PANEL',
  CHANGE_BOARD = 'CHANGE_BOARD',
  CHANGE_SUB_COMMITTEE = 'CHANGE_SUB_COMMITTEE',
  TABASC = 'TABASC',
  SECURITY_SUB_COMMITTEE = 'SECURITY_SUB_COMMITTEE',
  OPERATIONS_GROUP = 'OPERATIONS_GROUP',
}

/** The agenda must be confirmed this many Working Days before a meeting, and papers published that many. */
export const AGENDA_DEADLINE_WORKING_DAYS = 10;
export const PAPERS_DEADLINE_WORKING_DAYS = 5;
