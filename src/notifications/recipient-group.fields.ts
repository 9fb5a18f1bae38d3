import type { DigestSection } from './digest-section';

/** A new recipient group. What the service takes; the GraphQL input (CreateRecipientGroupInput, recipient-group.types.ts) is one. */
export interface CreateRecipientGroupInputFields {
  name: string;
  addresses: string[];
  sections?: DigestSection[] | null;
  enabled?: boolean | null;
}

/** What to change of a recipient group; a field left out stays as it is. What the service takes; the GraphQL input (UpdateRecipientGroupInput, recipient-group.types.ts) is one. */
export interface UpdateRecipientGroupInputFields {
  addresses?: string[] | null;
  sections?: DigestSection[] | null;
  enabled?: boolean | null;
  expectedVersion?: number | null;
}
