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
registerEnumType(ApiKeySource, { name: 'ApiKeySource', description: 'Where a key was made.' });

/** A bearer key. Only its SHA-256 is kept: the key itself is shown once, at creation. */
@ObjectType({ description: 'An API key, without its secret (shown once, when it is made).' })
@Entity('api_key')
export class ApiKey {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => Role)
  @Column('text')
  role!: Role;

  @Column('text', { name: 'key_hash', unique: true })
  keyHash!: string;

  @Field(() => ApiKeySource)
  @Column('text', { default: ApiKeySource.CLI })
  source!: ApiKeySource;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Refused from this moment on; null: never expires.' })
  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'To the minute: when a request last presented it.' })
  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
