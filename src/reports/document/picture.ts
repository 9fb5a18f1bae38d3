import type { LocalDate } from '../../calendar/local-date';

/**
 * A picture as the figures it draws, so that every renderer draws the same thing and a test can
 * read the figures back: proposals per stage (bars), or packages of work over months (timeline).
 */
export type Picture = BarPicture | TimelinePicture;

export interface BarPicture {
  kind: 'bars';
  bars: ReadonlyArray<{ key: string; label: string; value: number }>;
}

export interface TimelineMark {
  on: LocalDate;
  kind: 'working-group' | 'panel';
}

export interface TimelinePicture {
  kind: 'timeline';
  /** The first and last day drawn. */
  from: LocalDate;
  to: LocalDate;
  rows: ReadonlyArray<{
    key: string;
    label: string;
    /** The package's span, from the paper's day to its return to the Panel; null for a proposal without one (on hold). */
    span: { from: LocalDate; to: LocalDate } | null;
    marks: readonly TimelineMark[];
  }>;
}
