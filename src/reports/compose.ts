import type { EntityManager } from 'typeorm';
import { firstDayOfMonth, lastDayOfMonth } from '../calendar/local-date';
import { formatLongDate } from '../notifications/templates/format';
import { proposalTimescales } from '../sla/report-figures';
import { appendixA } from './document/appendix-a.section';
import type { PrintedFigures } from './document/assessments.section';
import { defineSection } from './document/define.section';
import { opineSection } from './document/opine.section';
import { refineSection } from './document/refine.section';
import { releasesSection } from './document/releases.section';
import type { ReportDocument, ReportSection } from './document/report-document';
import { summarySection } from './document/summary.section';
import * as facts from './report-facts';
import type { ReportFrame } from './report-frame';

type Queryable = Pick<EntityManager, 'query'>;

/** Facts more than one section reads: read once per build, at first use. */
interface SharedFacts {
  assessments(): Promise<facts.ReportAssessment[]>;
  /** The previous month's decisions. */
  decisions(): Promise<facts.DecisionFacts[]>;
  /** The figures the month's paper printed, where the register keeps them. */
  printed(): Promise<PrintedFigures>;
}

/** One section of the paper: what it reads from the register, and how it says it. */
interface SectionStep {
  label: string;
  build(db: Queryable, frame: ReportFrame, shared: SharedFacts): Promise<ReportSection>;
}

function once<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= read());
}

/** The real report's order (SPEC "The Change Status Report"). */
const SECTIONS: readonly SectionStep[] = [
  {
    label: '1 Summary',
    build: async (db, frame, shared) => summarySection(frame, {
      phases: await facts.proposalsPerPhase(db, frame.asOf),
      panelAgenda: await facts.panelAgenda(db, frame.panel?.id ?? null, frame.asOf),
      decisions: await shared.decisions(),
    }),
  },
  {
    label: '2 Define',
    build: async (db, frame, shared) => {
      const since = firstDayOfMonth(frame.previous);
      return defineSection(frame,
        await facts.draftProposalsRaised(db, since, frame.asOf),
        await facts.proposalsInDefine(db, frame.asOf),
        await facts.meetings(db, ['CHANGE_SUB_COMMITTEE'], since, frame.asOf, frame.asOf),
        (await shared.decisions()).filter((d) => d.body === 'CHANGE_SUB_COMMITTEE'));
    },
  },
  {
    label: '3 Refine',
    build: async (db, frame, shared) => refineSection(frame, {
      workingGroup: await facts.heldAndNext(db, 'WORKING_GROUP', frame.asOf),
      consultations: await facts.consultations(db, 'REFINEMENT', firstDayOfMonth(frame.previous)),
      decisions: await shared.decisions(),
      assessments: await shared.assessments(),
      refining: await facts.refiningProposals(db, frame.asOf),
      printed: await shared.printed(),
    }),
  },
  {
    label: '4 Opine',
    build: async (db, frame, shared) => opineSection(frame, {
      consultations: await facts.consultations(db, 'MODIFICATION_REPORT', firstDayOfMonth(frame.previous)),
      changeBoards: await facts.meetings(db, ['CHANGE_BOARD'], firstDayOfMonth(frame.previous), lastDayOfMonth(frame.previous), frame.asOf),
      decisions: await shared.decisions(),
      timescales: proposalTimescales(await facts.proposalLifetimes(db, frame.asOf), lastDayOfMonth(frame.previous), frame.calendar),
      printed: await shared.printed(),
      withTheAuthority: await facts.withTheAuthority(db, frame.asOf),
    }),
  },
  { label: '5 Releases', build: async (db) => releasesSection(await facts.releases(db)) },
  { label: 'Appendix A', build: async (_db, frame, shared) => appendixA(frame, await shared.assessments(), await shared.printed()) },
];

/**
 * Builds the paper section by section, reading the register through `db` (one snapshot: the
 * caller's transaction), and says after each which one it finished.
 */
export async function composeReport(db: Queryable, frame: ReportFrame, onSection: (done: number, of: number, label: string) => Promise<void>): Promise<ReportDocument> {
  const shared: SharedFacts = {
    assessments: once(() => facts.assessments(db)),
    decisions: once(() => facts.decisionsIn(db, frame.previous)),
    printed: once(() => facts.printedFigures(db, frame.period)),
  };
  const sections: ReportSection[] = [];
  for (const [i, step] of SECTIONS.entries()) {
    sections.push(await step.build(db, frame, shared));
    await onSection(i + 1, SECTIONS.length, step.label);
  }
  return { ...paperHead(frame, `Change Status Report: ${frame.periodLabel}`, `CSR-${frame.period}-v${frame.version}`), sections };
}

/** A paper's head: its title, reference (its version's where the month has no Panel), date, Panel and frame. */
export function paperHead(frame: ReportFrame, title: string, versionReference: string): Omit<ReportDocument, 'sections'> {
  const { paperReference, ...rest } = frame.paper;
  return {
    title,
    reference: paperReference ?? versionReference,
    date: formatLongDate(frame.asOf),
    panel: frame.panel ? `SEC Panel${frame.panel.number ? ` ${frame.panel.number}` : ''}, ${formatLongDate(frame.panel.date)}` : null,
    frame: rest,
  };
}
