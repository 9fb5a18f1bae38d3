import type { EntityManager } from 'typeorm';
import { ASSESSMENT_FACT_COLUMNS } from '../assessments/assessment-facts.sql';
import { firstDayOfMonth, lastDayOfMonth, type LocalDate, type YearMonth } from '../calendar/local-date';
import type { ProposalFacts } from '../sla/report-figures';
import type { WorkPackageFacts } from '../work-packages/refinement-stall';
import { REFINING_PROPOSALS_SQL } from '../work-packages/refining-proposals.sql';
import type { PrintedFigure, PrintedFigureKind } from './paper/printed-figure';

/**
 * The register as the report reads it: one query per kind of fact, plain rows in, no formatting.
 * The sections (document/) turn these into paragraphs and tables.
 */
type Queryable = Pick<EntityManager, 'query'>;

export interface ProposalRef {
  reference: string;
  title: string | null;
}

export interface MeetingFacts {
  body: string;
  date: LocalDate;
  agenda: ProposalRef[];
}

export interface ConsultationFacts extends ProposalRef {
  kind: 'REFINEMENT' | 'MODIFICATION_REPORT';
  opensOn: LocalDate;
  closesOn: LocalDate | null;
}

export interface DecisionFacts extends ProposalRef {
  body: string;
  on: LocalDate;
  outcome: string;
  objectives: string[];
  /** The proposal's path (SELF_GOVERNANCE, AUTHORITY_DETERMINATION, FAST_TRACK), where the register has it. */
  path: string | null;
  /** The release the proposal is to be implemented in, where the register has one. */
  release: string | null;
}

export interface DraftProposalFacts extends ProposalRef {
  proposer: string | null;
  proposerOrganisation: string | null;
  raisedOn: LocalDate | null;
  /** Its background, as the register keeps it. */
  summary: string | null;
}

export interface ReleaseFacts {
  name: string;
  kind: string;
  releaseOn: LocalDate | null;
  modificationReportDeadline: LocalDate | null;
  proposals: string[];
}

export interface RefiningProposalFacts extends ProposalRef {
  workPackages: WorkPackageFacts[];
}

const AGENDA = `coalesce((SELECT json_agg(json_build_object('reference', m.reference, 'title', m.title) ORDER BY ai.position)
                            FROM agenda_item ai JOIN modification m ON m.id = ai.modification_id WHERE ai.meeting_id = mt.id), '[]'::json)`;

export async function panelOf(db: Queryable, period: YearMonth): Promise<{ id: string; date: LocalDate; number: number | null } | null> {
  const [row] = await db.query(
    `SELECT id, meeting_on::text AS date, number FROM meeting WHERE body = 'PANEL' AND cancelled_on IS NULL AND meeting_on BETWEEN $1 AND $2 ORDER BY meeting_on LIMIT 1`,
    [firstDayOfMonth(period), lastDayOfMonth(period)],
  );
  return row ?? null;
}

export async function panelAgenda(db: Queryable, panelId: string | null, asOf: LocalDate): Promise<ProposalRef[]> {
  if (!panelId) return [];
  return db.query(
    `SELECT o.reference, m.title FROM agenda_item ai JOIN modification m ON m.id = ai.modification_id JOIN modifications_on($2) o ON o.id = m.id
      WHERE ai.meeting_id = $1 ORDER BY ai.position`,
    [panelId, asOf],
  );
}

/** The register as it stood at the end of `asOf` (the migration's `modifications_on`): proposals raised by then, in their phase then. */
export async function proposalsPerPhase(db: Queryable, asOf: LocalDate): Promise<Array<{ phase: string; count: number }>> {
  return db.query(`SELECT phase, count(*)::int AS count FROM modifications_on($1) GROUP BY phase`, [asOf]);
}

/** Not called off by `asOf` (a meeting cancelled since was still on then). */
const STILL_ON = (asOf: string) => `(mt.cancelled_on IS NULL OR mt.cancelled_on > ${asOf})`;

/** Meetings of the given bodies from `from` to `to`, with their agendas, in date order, as they stood on `asOf`. */
export async function meetings(db: Queryable, bodies: readonly string[], from: LocalDate, to: LocalDate, asOf: LocalDate): Promise<MeetingFacts[]> {
  return db.query(
    `SELECT mt.body, mt.meeting_on::text AS date, ${AGENDA} AS agenda
       FROM meeting mt WHERE mt.body = ANY($1) AND ${STILL_ON('$4')} AND mt.meeting_on BETWEEN $2 AND $3 ORDER BY mt.meeting_on, mt.body`,
    [bodies, from, to, asOf],
  );
}

/** The last meeting of a body on or before `asOf`, and the first after it. */
export async function heldAndNext(db: Queryable, body: string, asOf: LocalDate): Promise<{ held: MeetingFacts | null; next: MeetingFacts | null }> {
  const one = async (where: string, order: string): Promise<MeetingFacts | null> => {
    const [row] = await db.query(
      `SELECT mt.body, mt.meeting_on::text AS date, ${AGENDA} AS agenda
         FROM meeting mt WHERE mt.body = $1 AND ${STILL_ON('$2')} AND ${where} ORDER BY mt.meeting_on ${order} LIMIT 1`,
      [body, asOf],
    );
    return row ?? null;
  };
  return { held: await one('mt.meeting_on <= $2', 'DESC'), next: await one('mt.meeting_on > $2', 'ASC') };
}

/** Consultations of a kind still open on `from` or opening after it, by opening day. */
export async function consultations(db: Queryable, kind: ConsultationFacts['kind'], from: LocalDate): Promise<ConsultationFacts[]> {
  return db.query(
    `SELECT m.reference, m.title, c.kind, c.opens_on::text AS "opensOn", c.closes_on::text AS "closesOn"
       FROM consultation c JOIN modification m ON m.id = c.modification_id
      WHERE c.kind = $1 AND (c.opens_on >= $2 OR c.closes_on IS NULL OR c.closes_on >= $2)
      ORDER BY c.opens_on, m.reference`,
    [kind, from],
  );
}

/** Decisions taken in a month, by date. */
export async function decisionsIn(db: Queryable, month: YearMonth): Promise<DecisionFacts[]> {
  return db.query(
    `SELECT m.reference, m.title, d.body, d.decided_on::text AS "on", d.outcome, d.objectives, m.path, r.name AS release
       FROM decision d JOIN modification m ON m.id = d.modification_id LEFT JOIN release r ON r.id = m.target_release_id
      WHERE d.decided_on BETWEEN $1 AND $2 ORDER BY d.decided_on, m.reference`,
    [firstDayOfMonth(month), lastDayOfMonth(month)],
  );
}

const DRAFT_COLUMNS = `o.reference, m.title, m.proposer, m.proposer_organisation AS "proposerOrganisation", m.raised_on::text AS "raisedOn", m.summary`;
/** Proposals as they stood at the end of `asOf` (a parameter): `o` their reference, kind and phase then, `m` the rest. */
const AS_OF = (asOf: string) => `modification m JOIN modifications_on(${asOf}) o ON o.id = m.id`;

/** Draft Proposals raised from `from` to `to` (the report's day): as they stood then, whatever became of them since. */
export async function draftProposalsRaised(db: Queryable, from: LocalDate, to: LocalDate): Promise<DraftProposalFacts[]> {
  return db.query(
    `SELECT ${DRAFT_COLUMNS} FROM ${AS_OF('$2')} WHERE o.kind = 'DRAFT_PROPOSAL' AND m.raised_on BETWEEN $1 AND $2 ORDER BY m.raised_on, o.reference`,
    [from, to],
  );
}

export async function proposalsInDefine(db: Queryable, asOf: LocalDate): Promise<DraftProposalFacts[]> {
  return db.query(`SELECT ${DRAFT_COLUMNS} FROM ${AS_OF('$1')} WHERE o.phase = 'DEFINE' ORDER BY o.reference`, [asOf]);
}

export async function releases(db: Queryable): Promise<ReleaseFacts[]> {
  return db.query(
    `SELECT r.name, r.kind, r.release_on::text AS "releaseOn", r.modification_report_deadline::text AS "modificationReportDeadline",
            coalesce(array_agg(m.reference ORDER BY m.reference) FILTER (WHERE m.id IS NOT NULL), '{}') AS proposals
       FROM release r LEFT JOIN modification m ON m.target_release_id = r.id
      GROUP BY r.id ORDER BY r.release_on NULLS LAST, r.name`,
  );
}

export interface ReportAssessment {
  reference: string;
  type: 'PRELIMINARY' | 'IMPACT';
  changeRequest: string | null;
  requestedOn: LocalDate | null;
  acceptedOn: LocalDate | null;
  returnedOn: LocalDate | null;
  targetWorkingDays: number;
  expectedCompletionOn: LocalDate | null;
  commentary: string | null;
  /** The register's note: where it keeps the figures the DCC printed. */
  note: string | null;
  pauses: Array<{ from: LocalDate; to: LocalDate | null }>;
}

/** Every assessment with its pauses, its proposal's reference and its note. */
export async function assessments(db: Queryable): Promise<ReportAssessment[]> {
  return db.query(
    `SELECT ${ASSESSMENT_FACT_COLUMNS}, a.requested_on::text AS "requestedOn", a.note
       FROM assessment a JOIN modification m ON m.id = a.modification_id
      ORDER BY m.reference, a.type`,
  );
}

/** Proposals with the Authority for decision at the end of `asOf`: in Decide then, on the Authority's path. */
export async function withTheAuthority(db: Queryable, asOf: LocalDate): Promise<ProposalRef[]> {
  return db.query(
    `SELECT o.reference, m.title FROM ${AS_OF('$1')} WHERE o.phase = 'DECIDE' AND coalesce(m.path, 'AUTHORITY_DETERMINATION') = 'AUTHORITY_DETERMINATION' ORDER BY o.reference`,
    [asOf],
  );
}

/** The figures the month's paper printed, as the register keeps them, by figure. */
export async function printedFigures(db: Queryable, period: YearMonth): Promise<Map<PrintedFigureKind, PrintedFigure>> {
  const rows: PrintedFigure[] = await db.query(
    `SELECT figure, total, average_working_days::float AS "averageWorkingDays", text FROM printed_figure WHERE period = $1`,
    [period],
  );
  return new Map(rows.map((r) => [r.figure, r]));
}

export async function refiningProposals(db: Queryable, asOf: LocalDate): Promise<RefiningProposalFacts[]> {
  return db.query(REFINING_PROPOSALS_SQL, [asOf]);
}

/**
 * Every proposal with the day it concluded: its first decision that approved or rejected it, or
 * the day it was withdrawn. A recommendation (the Change Board's to the Authority) concludes nothing.
 */
export async function proposalLifetimes(db: Queryable, asOf: LocalDate): Promise<ProposalFacts[]> {
  return db.query(
    `SELECT m.raised_on::text AS "raisedOn",
            coalesce((SELECT min(d.decided_on) FROM decision d WHERE d.modification_id = m.id AND d.outcome IN ('APPROVED', 'REJECTED') AND d.decided_on <= $1),
                     (SELECT min(pc.changed_on) FROM phase_change pc WHERE pc.modification_id = m.id AND pc.to_phase = 'WITHDRAWN' AND pc.changed_on <= $1))::text AS "concludedOn",
            o.phase IN ('APPROVED', 'IMPLEMENTED', 'REJECTED', 'WITHDRAWN') AS ended
       FROM ${AS_OF('$1')}`,
    [asOf],
  );
}
