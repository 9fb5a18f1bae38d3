import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { DateTimeScalar, LocalDateScalar } from '../graphql/scalars';

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

/** One build of the monthly Change Status Report; each regeneration is a new version. */
@ObjectType({ description: 'One build of the monthly Change Status Report; each regeneration is a new version.' })
@Entity('report')
export class Report {
  @Field(() => ID, { description: 'The version, for report, withdrawReport and the downloads (/reports/{id}.pdf).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'YYYY-MM: the month the Change Status Report covers.' })
  @Column('text')
  period!: string;

  @Field(() => Int, { description: "1 for a month's first build, then 2, 3…" })
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
