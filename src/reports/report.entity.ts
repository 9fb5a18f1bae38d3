import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import type { ReportDocument } from './document/report-document';
import { PaperKind } from './paper/paper-kind';

export enum ReportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  READY = 'READY',
  FAILED = 'FAILED',
}

/** One build of a monthly Panel paper; each regeneration is a new version. */
// Its GraphQL face, field by field with what each means: ReportObject (report.graphql-types.ts).
@Entity('report')
export class Report {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { default: PaperKind.CHANGE_STATUS_REPORT })
  kind!: PaperKind;

  @Column('text')
  period!: string;

  @Column('integer')
  version!: number;

  @Column('date', { name: 'as_of' })
  asOf!: LocalDate;

  @Column('text')
  status!: ReportStatus;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt!: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Column('text', { nullable: true })
  markdown!: string | null;

  @Column('text', { nullable: true })
  html!: string | null;

  /** Downloaded from /reports/{id}.pdf; never loaded with a list of versions. */
  @Column('bytea', { nullable: true, select: false })
  pdf?: Buffer | null;

  @Column('text', { name: 'paper_reference', nullable: true })
  paperReference!: string | null;

  @Column('text', { nullable: true })
  author!: string | null;

  @Column('text', { nullable: true })
  action!: string | null;

  @Column('text', { nullable: true })
  purpose!: string | null;

  @Column('text', { nullable: true })
  recommendation!: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  attachments!: string[];

  /** The document as built, kept so that an edited title block re-renders the same facts. */
  @Column('jsonb', { nullable: true, select: false })
  document?: ReportDocument | null;

  @Column('boolean', { default: false })
  scheduled!: boolean;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt!: Date | null;

  @Column('text', { name: 'withdrawn_reason', nullable: true })
  withdrawnReason!: string | null;
}
