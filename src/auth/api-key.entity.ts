import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './role';

export enum ApiKeySource {
  /** `npm run cli -- create-api-key`. */
  CLI = 'cli',
  /** An admin's createApiKey. */
  API = 'api',
  /** ADMIN_API_KEY at start-up. */
  ENV = 'env',
}
/**
 * A bearer key. Only its SHA-256 is kept: the key itself is shown once, at creation. Its GraphQL
 * face, which never shows the hash, is ApiKeyObject (api-key.graphql-types.ts).
 */
@Entity('api_key')
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  role!: Role;

  @Column('text', { name: 'key_hash', unique: true })
  keyHash!: string;

  @Column('text', { default: ApiKeySource.CLI })
  source!: ApiKeySource;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
