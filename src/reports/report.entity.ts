import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { DateTimeScalar, LocalDateScalar } from '../graphql/scalars';
import type { ReportDocument } from './document/report-document';
import { PaperKind } from './paper/paper-kind';

export enum ReportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  READY = 'READY',
  FAILED = 'FAILED',
}
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

/** One build of a monthly Panel paper; each regeneration is a new version. */
@ObjectType({ description: 'One build of a monthly Panel paper (the Change Status Report or the Modification Timetables); each regeneration is a new version.' })
@Entity('report')
export class Report {
  @Field(() => ID, { description: 'The version, for report, withdrawReport and the downloads (/reports/{id}.pdf).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => PaperKind, { description: 'Which paper it is.' })
  @Column('text', { default: PaperKind.CHANGE_STATUS_REPORT })
  kind!: PaperKind;

  @Field({ description: 'YYYY-MM: the month of the Panel the paper goes to.' })
  @Column('text')
  period!: string;

  @Field(() => Int, { description: "1 for a month's first build of its kind of paper, then 2, 3…" })
  @Column('integer')
  version!: number;

  @Field(() => LocalDateScalar, { description: "The report's date: every figure is as of this day." })
  @Column('date', { name: 'as_of' })
  asOf!: LocalDate;

  @Field(() => ReportStatus, { description: 'Where its build stands.' })
  @Column('text')
  status!: ReportStatus;

  @Field(() => DateTimeScalar, { description: 'When the build was asked for.' })
  @Column('timestamptz', { name: 'requested_at' })
  requestedAt!: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When its build ended (READY or FAILED).', nullable: true })
  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Field(() => String, { description: 'The paper as Markdown, once READY.', nullable: true })
  @Column('text', { nullable: true })
  markdown!: string | null;

  @Field(() => String, { description: 'The paper as HTML, once READY.', nullable: true })
  @Column('text', { nullable: true })
  html!: string | null;

  /** Downloaded from /reports/{id}.pdf; never loaded with a list of versions. */
  @Column('bytea', { nullable: true, select: false })
  pdf?: Buffer | null;

  @Field(() => String, { nullable: true, description: 'The Panel paper reference, e.g. SECP_91_1604_14 (Panel 91, 16 April, item 14); null where the month has no Panel.' })
  @Column('text', { name: 'paper_reference', nullable: true })
  paperReference!: string | null;

  @Field(() => String, { nullable: true, description: 'Who wrote the paper (PAPER_AUTHOR by default: SECAS Team).' })
  @Column('text', { nullable: true })
  author!: string | null;

  @Field(() => String, { nullable: true, description: 'What the Panel does with it: For Information, For Decision.' })
  @Column('text', { nullable: true })
  action!: string | null;

  @Field(() => String, { nullable: true, description: "The paper's purpose paragraph." })
  @Column('text', { nullable: true })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'What the Panel is requested to do, e.g. "The Panel is requested to NOTE the contents of this report."' })
  @Column('text', { nullable: true })
  recommendation!: string | null;

  @Field(() => [String], { description: 'What is attached, e.g. "Appendix A: SEC Modification Timetables".' })
  @Column('text', { array: true, default: () => "'{}'" })
  attachments!: string[];

  /** The document as built, kept so that an edited title block re-renders the same facts. */
  @Column('jsonb', { nullable: true, select: false })
  document?: ReportDocument | null;

  @Field({ description: 'Built by the monthly schedule (and circulated to its recipients), not on request.' })
  @Column('boolean', { default: false })
  scheduled!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the build FAILED.' })
  @Column('text', { nullable: true })
  error!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Set by withdrawReport: the version stays readable and is never circulated.' })
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn.' })
  @Column('text', { name: 'withdrawn_reason', nullable: true })
  withdrawnReason!: string | null;
}
