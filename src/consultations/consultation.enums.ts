import { registerEnumType } from 'type-graphql';

export enum ConsultationKind {
  REFINEMENT = 'REFINEMENT',
  MODIFICATION_REPORT = 'MODIFICATION_REPORT',
}

registerEnumType(ConsultationKind, {
  name: 'ConsultationKind',
  description: 'The two kinds of consultation of the change process.',
  valuesConfig: {
    MODIFICATION_REPORT: { description: 'The Modification Report Consultation of the Report Phase (OPINE).' },
    REFINEMENT: { description: 'The Refinement Consultation of the Refinement Process (REFINE).' },
  },
});
