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
