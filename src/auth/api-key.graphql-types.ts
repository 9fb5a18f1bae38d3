import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';
import { ApiKeySource } from './api-key.entity';
import { Role } from './role';

/**
 * The GraphQL face of keys and roles, kept with the API: the entity and the Role enum carry no
 * GraphQL, so the services that read keys (every request's, through the service context) reach
 * no GraphQL library.
 */
registerEnumType(Role, {
  name: 'Role',
  description: 'What an API key may do.',
  valuesConfig: {
    ADMIN: { description: 'SECAS: everything.' },
    DCC: { description: 'The DCC: reads, and accepts, pauses, resumes, revises, returns and corrects its assessments.' },
    READER: { description: 'Reads.' },
  },
});

registerEnumType(ApiKeySource, {
  name: 'ApiKeySource',
  description: 'Where a key was made.',
  valuesConfig: {
    API: { description: 'Made with createApiKey.' },
    CLI: { description: 'Made on the host with npm run cli -- create-api-key.' },
    ENV: { description: 'Made at start-up from ADMIN_API_KEY.' },
  },
});

/** An ApiKey row as the API shows it: everything but its hash. */
@ObjectType('ApiKey', { description: 'An API key, without its secret (shown once, when it is made).' })
export class ApiKeyObject {
  @Field(() => ID, { description: "The key's id (never its secret): revokeApiKey takes it." })
  id!: string;

  @Field({ description: 'What the key is for, e.g. "Panel app".' })
  name!: string;

  @Field(() => Role, { description: 'What the key may do.' })
  role!: Role;

  @Field(() => ApiKeySource, { description: 'How the key was made.' })
  source!: ApiKeySource;

  @Field(() => DateTimeScalar, { description: 'When the key was made.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Refused from this moment on; null: never expires.' })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'To the minute: when a request last presented it.' })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When it was revoked; null while it is not.', nullable: true })
  revokedAt!: Date | null;
}
