/** The two papers SECAS sends the monthly Panel from the register. */
export enum PaperKind {
  CHANGE_STATUS_REPORT = 'CHANGE_STATUS_REPORT',
  MODIFICATION_TIMETABLES = 'MODIFICATION_TIMETABLES',
}

export const PAPER_TITLES: Record<PaperKind, string> = {
  [PaperKind.CHANGE_STATUS_REPORT]: 'Change Status Report',
  [PaperKind.MODIFICATION_TIMETABLES]: 'SEC Modification Timetables',
};

/** change-status-report, modification-timetables: the start of its files' names. */
export const paperSlug = (kind: PaperKind): string => kind.toLowerCase().replace(/_/g, '-');
