/** The parts of the morning digest; each recipient group chooses which it receives. */
export enum DigestSection {
  /** What changed since the group's last digest: newly overdue, newly due soon, returned. */
  CHANGES = 'CHANGES',
  /** Every overdue and due-soon DCC assessment. */
  ASSESSMENTS = 'ASSESSMENTS',
  /** Consultations that open within 5 Working Days or close within 3. */
  CONSULTATIONS = 'CONSULTATIONS',
  /** Working Group agenda and papers deadlines within 3 Working Days. */
  MEETING_DEADLINES = 'MEETING_DEADLINES',
  /** The 'black hole': work packages past their return month, proposals in REFINE with none open. */
  REFINEMENT = 'REFINEMENT',
  /** Not a part of the digest: the monthly Change Status Report, its PDF attached, when the schedule builds it. */
  CHANGE_STATUS_REPORT = 'CHANGE_STATUS_REPORT',
  /** Not a part of the digest: the monthly Modification Timetables paper, its PDF attached, when the schedule builds it. */
  MODIFICATION_TIMETABLES = 'MODIFICATION_TIMETABLES',
}

export const ALL_SECTIONS: readonly DigestSection[] = Object.values(DigestSection);

/** The DCC acts on its assessments and the consultations; SECAS runs the whole process. */
export const DEFAULT_SECTIONS = {
  DCC: [DigestSection.CHANGES, DigestSection.ASSESSMENTS, DigestSection.CONSULTATIONS],
  SECAS: ALL_SECTIONS,
} as const;
