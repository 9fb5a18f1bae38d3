import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { DateTimeScalar, LocalDateScalar } from '../graphql/scalars';
import { PaperKind } from './paper/paper-kind';
import { type Report, ReportStatus } from './report.entity';

/** A Report row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('Report', { description: 'One build of a monthly Panel paper (the Change Status Report or the Modification Timetables); each regeneration is a new version.' })
export class ReportObject implements Partial<Report> {
  @Field(() => ID, { description: 'The version, for report, withdrawReport and the downloads (/reports/{id}.pdf).' })
  id!: string;

  @Field(() => PaperKind, { description: 'Which paper it is.' })
  kind!: PaperKind;

  @Field({ description: 'YYYY-MM: the month of the Panel the paper goes to.' })
  period!: string;

  @Field(() => Int, { description: "1 for a month's first build of its kind of paper, then 2, 3…" })
  version!: number;

  @Field(() => LocalDateScalar, { description: "The report's date: every figure is as of this day." })
  asOf!: LocalDate;

  @Field(() => ReportStatus, { description: 'Where its build stands.' })
  status!: ReportStatus;

  @Field(() => DateTimeScalar, { description: 'When the build was asked for.' })
  requestedAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When its build ended (READY or FAILED).', nullable: true })
  completedAt!: Date | null;

  @Field(() => String, { description: 'The paper as Markdown, once READY.', nullable: true })
  markdown!: string | null;

  @Field(() => String, { description: 'The paper as HTML, once READY.', nullable: true })
  html!: string | null;

  @Field(() => String, { nullable: true, description: 'The Panel paper reference, e.g. SECP_91_1604_14 (Panel 91, 16 April, item 14); null where the month has no Panel.' })
  paperReference!: string | null;

  @Field(() => String, { nullable: true, description: 'Who wrote the paper (PAPER_AUTHOR by default: SECAS Team).' })
  author!: string | null;

  @Field(() => String, { nullable: true, description: 'What the Panel does with it: For Information, For Decision.' })
  action!: string | null;

  @Field(() => String, { nullable: true, description: "The paper's purpose paragraph." })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'What the Panel is requested to do, e.g. "The Panel is requested to NOTE the contents of this report."' })
  recommendation!: string | null;

  @Field(() => [String], { description: 'What is attached, e.g. "Appendix A: SEC Modification Timetables".' })
  attachments!: string[];

  @Field({ description: 'Built by the monthly schedule (and circulated to its recipients), not on request.' })
  scheduled!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the build FAILED.' })
  error!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Set by withdrawReport: the version stays readable and is never circulated.' })
  withdrawnAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn.' })
  withdrawnReason!: string | null;
}
