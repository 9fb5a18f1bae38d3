import type { LocalDate } from '../calendar/local-date';
import type { ConsultationKind } from './consultation.enums';

/** A consultation to open on a proposal. What the service takes; the GraphQL input (ConsultationInput, consultation.types.ts) is one. */
export interface ConsultationInputFields {
  modification: string;
  kind: ConsultationKind;
  opensOn: LocalDate;
  closesOn?: LocalDate | null;
  note?: string;
}

/** A correction of a consultation: what is given is set, what is left out stays. What the service takes; the GraphQL input (UpdateConsultationInput, consultation.types.ts) is one. */
export interface UpdateConsultationInputFields {
  opensOn?: LocalDate | null;
  closesOn?: LocalDate | null;
  note?: string;
}
