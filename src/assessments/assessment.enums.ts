export enum AssessmentType {
  PRELIMINARY = 'PRELIMINARY',
  IMPACT = 'IMPACT',
}

/** The GraphQL face of `sla/sla-calculator`'s statuses; the values are the same strings. */
export enum SlaStatusEnum {
  AWAITING_ACCEPTANCE = 'AWAITING_ACCEPTANCE',
  ON_TRACK = 'ON_TRACK',
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
  PAUSED = 'PAUSED',
  COMPLETED_ON_TIME = 'COMPLETED_ON_TIME',
  COMPLETED_LATE = 'COMPLETED_LATE',
  COMPLETED = 'COMPLETED',
}

/** Target durations of the Code: a Preliminary Assessment in 15, an Impact Assessment in 40. */
export const DEFAULT_TARGET_WORKING_DAYS: Readonly<Record<AssessmentType, number>> = {
  [AssessmentType.PRELIMINARY]: 15,
  [AssessmentType.IMPACT]: 40,
};

/** The largest cost the register takes for an assessment, in pounds. */
export const MAX_COST_GBP = 1_000_000_000;
