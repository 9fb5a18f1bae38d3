import { registerEnumType } from 'type-graphql';

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

registerEnumType(AssessmentType, {
  name: 'AssessmentType',
  description: 'The two kinds of DCC assessment.',
  valuesConfig: {
    IMPACT: { description: 'An Impact Assessment: 40 Working Days by default.' },
    PRELIMINARY: { description: 'A Preliminary Assessment: 15 Working Days by default.' },
  },
});
registerEnumType(SlaStatusEnum, {
  name: 'SlaStatus',
  description: 'Where an assessment stands against its target on a day.',
  valuesConfig: {
    COMPLETED_LATE: { description: 'Returned after its target day.' },
    COMPLETED_ON_TIME: { description: 'Returned by its target day.' },
    ON_TRACK: { description: 'Open, with more than the due-soon threshold of Working Days left.' },
    OVERDUE: { description: 'Open, past its target.' },
    AWAITING_ACCEPTANCE: { description: 'Requested of the DCC but not yet accepted: no clock runs.' },
    DUE_SOON: { description: 'Open, with no more than the configured number of Working Days left (default 3).' },
    PAUSED: { description: 'The clock is stopped by an open pause.' },
    COMPLETED: { description: 'Returned, but its acceptance date is not recorded, so its timeliness cannot be judged.' },
  },
});
