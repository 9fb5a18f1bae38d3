import type { LocalDate } from '../calendar/local-date';
import type { AssessmentType, SlaStatusEnum } from './assessment.enums';

/** Which assessments a page holds. What the service takes; the GraphQL input (AssessmentFilter, assessment.types.ts) is one. */
export interface AssessmentFilterFields {
  type?: AssessmentType | null;
  statuses?: SlaStatusEnum[] | null;
  asOf?: LocalDate | null;
  modification?: string;
}

/** An assessment SECAS asks the DCC for. What the service takes; the GraphQL input (RequestAssessmentInput, assessment.types.ts) is one. */
export interface RequestAssessmentInputFields {
  modification: string;
  type: AssessmentType;
  requestedOn: LocalDate;
  targetWorkingDays?: number;
  changeRequest?: string;
}

/** A correction of an assessment: what is given is set (null clears a field that may be empty), what is left out stays. What the service takes; the GraphQL input (CorrectAssessmentInput, assessment.types.ts) is one. */
export interface CorrectAssessmentInputFields {
  changeRequest?: string | null;
  requestedOn?: LocalDate | null;
  acceptedOn?: LocalDate | null;
  returnedOn?: LocalDate | null;
  targetWorkingDays?: number | null;
  costGbp?: number | null;
  commentary?: string | null;
}
