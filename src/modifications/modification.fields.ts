import type { LocalDate } from '../calendar/local-date';
import type { DecisionPath, ModificationKind, ModificationPhase } from './modification.enums';

/** Which proposals a page holds. What the service takes; the GraphQL input (ModificationFilter, modification.types.ts) is one. */
export interface ModificationFilterFields {
  phases?: ModificationPhase[] | null;
  kind?: ModificationKind | null;
  onHold?: boolean;
  search?: string;
  refinementStalled?: boolean;
  asOf?: LocalDate | null;
}

/** A proposal to record in the register. What the service takes; the GraphQL input (CreateModificationInput, modification.types.ts) is one. */
export interface CreateModificationInputFields {
  reference: string;
  title: string;
  summary?: string;
  note?: string;
  kind: ModificationKind;
  phase?: ModificationPhase | null;
  path?: DecisionPath | null;
  proposer?: string;
  proposerOrganisation?: string;
  raisedOn?: LocalDate | null;
}

/** A correction of a proposal: what is given is set, what is left out stays. What the service takes; the GraphQL input (UpdateModificationInput, modification.types.ts) is one. */
export interface UpdateModificationInputFields {
  title?: string;
  summary?: string;
  path?: DecisionPath | null;
  proposer?: string;
  proposerOrganisation?: string;
  onHold?: boolean;
  onHoldReason?: string;
  dependsOn?: string[] | null;
  targetRelease?: string;
  expectedVersion?: number | null;
}
