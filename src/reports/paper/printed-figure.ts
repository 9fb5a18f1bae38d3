/**
 * A figure a Panel paper printed, kept in the register (the register file's `printedFigures`) so
 * that a rebuilt paper can say where its own figure differs, and why, rather than replace the
 * printed one without a word.
 */
export enum PrintedFigureKind {
  PRELIMINARY_OPEN = 'PRELIMINARY_OPEN',
  PRELIMINARY_COMPLETED = 'PRELIMINARY_COMPLETED',
  IMPACT_OPEN = 'IMPACT_OPEN',
  IMPACT_COMPLETED = 'IMPACT_COMPLETED',
  PROPOSALS_OPEN = 'PROPOSALS_OPEN',
  PROPOSALS_CONCLUDED = 'PROPOSALS_CONCLUDED',
  CODE_PERFORMANCE_MEASURE_9 = 'CODE_PERFORMANCE_MEASURE_9',
}

export interface PrintedFigure {
  figure: PrintedFigureKind;
  /** A count, where the paper printed one. */
  total: number | null;
  /** A mean in Working Days, where the paper printed one. */
  averageWorkingDays: number | null;
  /** What the paper printed in words instead of a figure ("None to report"). */
  text: string | null;
}
