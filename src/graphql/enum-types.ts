import { registerEnumType } from 'type-graphql';
import { AssessmentType, SlaStatusEnum } from '../assessments/assessment.enums';
import { ConsultationKind } from '../consultations/consultation.enums';
import { RecordKind } from '../corrections/record-kind';
import { DecisionBody } from '../decisions/decision.enums';
import { MeetingBody } from '../meetings/meeting.enums';
import { DecisionPath, ModificationKind, ModificationPhase } from '../modifications/modification.enums';
import { DigestSection } from '../notifications/digest-section';
import { MessageState } from '../notifications/outbox-message.entity';
import { ReleaseKind } from '../releases/release.enums';
import { PaperKind } from '../reports/paper/paper-kind';
import { ReportStatus } from '../reports/report.entity';

/**
 * The GraphQL face of the register's enums (names, descriptions, each value's meaning), kept with the
 * API: the enums themselves live with their domain and carry no GraphQL, so the services that use
 * them load no GraphQL library. schema.ts imports this before it builds the schema.
 */
registerEnumType(AssessmentType, {
  name: 'AssessmentType',
  description: 'The two kinds of DCC assessment.',
  valuesConfig: {
    IMPACT: { description: 'An Impact Assessment: 40 Working Days by default.' },
    PRELIMINARY: { description: 'A Preliminary Assessment: 15 Working Days by default.' },
  },
});

registerEnumType(SlaStatusEnum, {
  name: 'SlaStatus',
  description: 'Where an assessment stands against its target on a day.',
  valuesConfig: {
    COMPLETED_LATE: { description: 'Returned after its target day.' },
    COMPLETED_ON_TIME: { description: 'Returned by its target day.' },
    ON_TRACK: { description: 'Open, with more than the due-soon threshold of Working Days left.' },
    OVERDUE: { description: 'Open, past its target.' },
    AWAITING_ACCEPTANCE: { description: 'Requested of the DCC but not yet accepted: no clock runs.' },
    DUE_SOON: { description: 'Open, with no more than the configured number of Working Days left (default 3).' },
    PAUSED: { description: 'The clock is stopped by an open pause.' },
    COMPLETED: { description: 'Returned, but its acceptance date is not recorded, so its timeliness cannot be judged.' },
  },
});

registerEnumType(ConsultationKind, {
  name: 'ConsultationKind',
  description: 'The two kinds of consultation of the change process.',
  valuesConfig: {
    MODIFICATION_REPORT: { description: 'The Modification Report Consultation of the Report Phase (OPINE).' },
    REFINEMENT: { description: 'The Refinement Consultation of the Refinement Process (REFINE).' },
  },
});

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

registerEnumType(DigestSection, {
  name: 'DigestSection',
  description: 'What a recipient group receives: the parts of the morning digest, and the monthly Panel papers.',
  valuesConfig: {
    ASSESSMENTS: { description: 'Every overdue and due-soon assessment.' },
    CHANGES: { description: "What changed since the group's last digest: newly overdue, newly due soon, returned." },
    CHANGE_STATUS_REPORT: { description: 'The monthly Change Status Report, its PDF attached, when the schedule builds it.' },
    CONSULTATIONS: { description: 'Consultations opening within 5 Working Days or closing within 3.' },
    MODIFICATION_TIMETABLES: { description: 'The monthly Modification Timetables paper, its PDF attached, when the schedule builds it.' },
    MEETING_DEADLINES: { description: 'Working Group agenda and papers deadlines within 3 Working Days.' },
    REFINEMENT: { description: 'Proposals in Refinement with no open work package, or past their return month.' },
  },
});

registerEnumType(ReleaseKind, {
  name: 'ReleaseKind',
  description: 'The two kinds of SEC release.',
  valuesConfig: {
    SCHEDULED: { description: "One of the year's scheduled releases (June, November)." },
    STANDALONE: { description: 'A release outside the schedule.' },
  },
});

registerEnumType(MessageState, {
  name: 'MessageState',
  description: 'Where an email of the outbox stands.',
  valuesConfig: {
    FAILED: { description: 'Refused for good, or still refused after every retry; an admin may resend it.' },
    IN_DOUBT: { description: "Its end went to the mail server and no answer came: the server may have it. Not sent again until the policy's time passes or an admin settles it." },
    PENDING: { description: 'Recorded; a send job delivers it, and retries with backoff while the mail server refuses.' },
    SENDING: { description: 'A worker is talking to the mail server about it now.' },
    SENT: { description: 'The mail server took it (its reply is in providerResponse).' },
  },
});

registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: "Where a report version's build stands.",
  valuesConfig: {
    FAILED: { description: 'The build failed (see error); an admin regenerates.' },
    QUEUED: { description: 'Waiting for a worker.' },
    READY: { description: 'Built: Markdown, HTML and PDF can be read.' },
    RUNNING: { description: 'Being built.' },
  },
});

registerEnumType(PaperKind, {
  name: 'PaperKind',
  description: 'The two papers SECAS sends the monthly Panel from the register.',
  valuesConfig: {
    CHANGE_STATUS_REPORT: { description: 'The Change Status Report: every proposal by phase, the DCC\'s assessments, decisions and releases.' },
    MODIFICATION_TIMETABLES: { description: 'The Modification Timetables paper: each proposal in Refinement with its next package of work.' },
  },
});
