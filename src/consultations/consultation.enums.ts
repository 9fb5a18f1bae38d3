import { registerEnumType } from 'type-graphql';

export enum ConsultationKind {
  REFINEMENT = 'REFINEMENT',
  MODIFICATION_REPORT = 'MODIFICATION_REPORT',
}

registerEnumType(ConsultationKind, { name: 'ConsultationKind' });
