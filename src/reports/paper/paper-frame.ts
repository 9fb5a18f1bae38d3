import { type LocalDate, type YearMonth, yearMonthOf } from '../../calendar/local-date';
import { PaperKind } from './paper-kind';

/**
 * What a Panel paper says of itself before its facts: its reference, who wrote it, why the Panel
 * has it, what the Panel is asked to do, and what is attached. Each version carries its own, set
 * from these defaults when it is requested; an admin may edit it until the version is circulated.
 */
export interface PaperFrame {
  /** SECP_91_1604_14: Panel 91, 16 April, agenda item 14. Null where the month has no Panel. */
  paperReference: string | null;
  author: string;
  /** For Information, For Decision. */
  action: string;
  purpose: string;
  recommendation: string;
  attachments: string[];
}

/** PANEL_NUMBERING: one Panel meeting a month, counted from a known one ("91@2021-04"). */
export interface PanelNumbering {
  number: number;
  month: YearMonth;
}

export interface PaperDefaults {
  /** PAPER_AUTHOR: who writes the papers (SECAS Team). */
  author: string;
  numbering: PanelNumbering;
}

/** Panel 91 met on 16 April 2021 (SECP_91_1604_14); Panel 66 in March 2019 counts alike. */
export const PAPER_DEFAULTS: PaperDefaults = { author: 'SECAS Team', numbering: { number: 91, month: '2021-04' } };

/** The agenda item each paper usually has; an admin edits the reference where a month differs. */
const AGENDA_ITEM: Record<PaperKind, number> = { [PaperKind.CHANGE_STATUS_REPORT]: 14, [PaperKind.MODIFICATION_TIMETABLES]: 12 };

const WORDS: Record<PaperKind, Omit<PaperFrame, 'paperReference' | 'author'>> = {
  [PaperKind.CHANGE_STATUS_REPORT]: {
    action: 'For Information',
    purpose: 'This paper gives the Panel the status of every Draft Proposal and Modification Proposal in the SEC modification process, and the DCC\'s delivery of Preliminary and Impact Assessments. More detailed information can be found in the Modification Register.',
    recommendation: 'The Panel is requested to NOTE the contents of this report.',
    attachments: ['Appendix A: DCC Preliminary Assessments and Impact Assessments'],
  },
  [PaperKind.MODIFICATION_TIMETABLES]: {
    action: 'For Decision',
    purpose: 'This paper sets out, for every Modification Proposal in the Refinement Process, the package of work to be done next, the Working Group meeting it goes to and the month it returns to the Panel.',
    recommendation: 'The Panel is requested to AGREE the packages of work and progression timetables set out in this paper.',
    attachments: ['Appendix A: SEC Modification Timetables'],
  },
};

/** "91@2021-04" -> Panel 91 met in April 2021; null if it does not read so. */
export function parsePanelNumbering(text: string): PanelNumbering | null {
  const m = /^\s*(\d{1,5})@(\d{4}-(0[1-9]|1[0-2]))\s*$/.exec(text);
  return m && Number(m[1]) > 0 ? { number: Number(m[1]), month: m[2] as YearMonth } : null;
}

/** The Panel meeting's own number, or the numbering's count of months from its known meeting. */
export function panelNumber(panel: { date: LocalDate; number: number | null }, numbering: PanelNumbering): number | null {
  if (panel.number !== null) return panel.number;
  const [y1, m1] = numbering.month.split('-').map(Number) as [number, number];
  const [y2, m2] = yearMonthOf(panel.date).split('-').map(Number) as [number, number];
  const n = numbering.number + (y2 - y1) * 12 + (m2 - m1);
  return n > 0 ? n : null;
}

/** SECP_<panel>_<ddmm>_<item> */
export const paperReference = (panel: number, day: LocalDate, item: number): string => `SECP_${panel}_${day.slice(8, 10)}${day.slice(5, 7)}_${item}`;

export function defaultFrame(kind: PaperKind, panel: { date: LocalDate; number: number | null } | null, defaults: PaperDefaults): PaperFrame {
  const n = panel ? panelNumber(panel, defaults.numbering) : null;
  return {
    paperReference: panel && n !== null ? paperReference(n, panel.date, AGENDA_ITEM[kind]) : null,
    author: defaults.author,
    ...WORDS[kind],
    attachments: [...WORDS[kind].attachments],
  };
}
