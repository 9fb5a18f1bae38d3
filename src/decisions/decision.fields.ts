import type { LocalDate } from '../calendar/local-date';
import type { DecisionBody } from './decision.enums';

/** A decision to record. What the service takes; the GraphQL input (DecisionInput, decision.types.ts) is one. */
export interface DecisionInputFields {
  modification: string;
  body: DecisionBody;
  on: LocalDate;
  outcome: string;
  note?: string;
  objectives?: string[] | null;
}

/** A correction of a decision: what is given is set, what is left out stays. What the service takes; the GraphQL input (UpdateDecisionInput, decision.types.ts) is one. */
export interface UpdateDecisionInputFields {
  body?: DecisionBody | null;
  on?: LocalDate | null;
  outcome?: string;
  objectives?: string[] | null;
  note?: string | null;
}
