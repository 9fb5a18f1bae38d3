/** What an API key may do (its GraphQL face: api-key.graphql-types.ts). */
export enum Role {
  /** SECAS: everything. */
  ADMIN = 'ADMIN',
  /** The DCC: reads, and works its own assessments. */
  DCC = 'DCC',
  READER = 'READER',
}

/** Who may do what: every operation names one of these. */
export const Access = {
  read: [Role.ADMIN, Role.DCC, Role.READER],
  assessmentWork: [Role.ADMIN, Role.DCC],
  admin: [Role.ADMIN],
} as const satisfies Record<string, readonly Role[]>;
