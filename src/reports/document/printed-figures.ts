import { isLocalDate, type LocalDate } from '../../calendar/local-date';

/**
 * The figures the DCC printed for an assessment, as the register's note keeps them ("The source
 * prints a current duration of 94 WD.", "The source prints a target completion date of
 * 2021-01-28."). The report prints the Code's figure and footnotes a printed one that differs.
 */
export interface PrintedFigures {
  currentDurationWorkingDays: number | null;
  targetCompletionOn: LocalDate | null;
}

const DURATION = /prints a current duration of (\d+) WD/i;
const TARGET = /prints a target completion date of (\d{4}-\d{2}-\d{2})/i;

export function printedFigures(note: string | null): PrintedFigures {
  const duration = note ? DURATION.exec(note)?.[1] : undefined;
  const target = note ? TARGET.exec(note)?.[1] : undefined;
  return {
    currentDurationWorkingDays: duration === undefined ? null : Number(duration),
    targetCompletionOn: target !== undefined && isLocalDate(target) ? target : null,
  };
}
