import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../graphql/scalars';
import { Role } from './role';

export enum ApiKeySource {
  /** `npm run cli -- create-api-key`. */
  CLI = 'cli',
  /** An admin's createApiKey. */
  API = 'api',
  /** ADMIN_API_KEY at start-up. */
  ENV = 'env',
}
registerEnumType(ApiKeySource, {
  name: 'ApiKeySource',
  description: 'Where a key was made.',
  valuesConfig: {
    API: { description: 'Made with createApiKey.' },
    CLI: { description: 'Made on the host with npm run cli -- create-api-key.' },
    ENV: { description: 'Made at start-up from ADMIN_API_KEY.' },
  },
});

/** A bearer key. Only its SHA-256 is kept: the key itself is shown once, at creation. */
@ObjectType({ description: 'An API key, without its secret (shown once, when it is made).' })
@Entity('api_key')
export class ApiKey {
  @Field(() => ID, { description: "The key's id (never its secret): revokeApiKey takes it." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'What the key is for, e.g. "Panel app".' })
  @Column('text')
  name!: string;

  @Field(() => Role, { description: 'What the key may do.' })
  @Column('text')
  role!: Role;

  @Column('text', { name: 'key_hash', unique: true })
  keyHash!: string;

  @Field(() => ApiKeySource, { description: 'How the key was made.' })
  @Column('text', { default: ApiKeySource.CLI })
  source!: ApiKeySource;

  @Field(() => DateTimeScalar, { description: 'When the key was made.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Refused from this moment on; null: never expires.' })
  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'To the minute: when a request last presented it.' })
  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When it was revoked; null while it is not.', nullable: true })
  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
