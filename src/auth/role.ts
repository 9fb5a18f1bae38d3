import { registerEnumType } from 'type-graphql';

export enum Role {
  /** SECAS: everything. */
  ADMIN = 'ADMIN',
  /** The DCC: reads, and works its own assessments. */
  DCC = 'DCC',
  READER = 'READER',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What an API key may do.',
  valuesConfig: {
    ADMIN: { description: 'SECAS: everything.' },
    DCC: { description: 'The DCC: reads, and accepts, pauses, resumes, revises, returns and corrects its assessments.' },
    READER: { description: 'Reads.' },
  },
});

/** Who may do what: every operation names one of these. */
export const Access = {
  read: [Role.ADMIN, Role.DCC, Role.READER],
  assessmentWork: [Role.ADMIN, Role.DCC],
  admin: [Role.ADMIN],
} as const satisfies Record<string, readonly Role[]>;
