import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { InvalidInputError } from '../common/errors';
import { ApiKey } from './api-key.entity';
import { Role } from './role';

export interface Caller {
  keyId: string;
  name: string;
  role: Role;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Keys are random and long, so a plain SHA-256 is enough: there is nothing to brute-force. */
export function generateApiKey(): string {
  return `sec_${randomBytes(24).toString('base64url')}`;
}

export class ApiKeyService {
  constructor(private readonly db: DataSource) {}

  /** The caller a presented key belongs to, or null for an unknown or revoked key. */
  async authenticate(key: string): Promise<Caller | null> {
    const row = await this.db.getRepository(ApiKey).findOneBy({ keyHash: hashApiKey(key) });
    if (!row || row.revokedAt) return null;
    return { keyId: row.id, name: row.name, role: row.role };
  }

  /** Creates a key and returns it: the only time its text exists outside the caller's hands. */
  async create(name: string, role: Role): Promise<{ key: string; id: string }> {
    if (!name.trim()) throw new InvalidInputError('A key needs a name, e.g. --name "SECAS admin"');
    if (!Object.values(Role).includes(role)) {
      throw new InvalidInputError(`Unknown role ${JSON.stringify(role)}: use one of ${Object.values(Role).join(', ')}`);
    }
    const key = generateApiKey();
    const row = await this.db.getRepository(ApiKey).save({ name: name.trim(), role, keyHash: hashApiKey(key), revokedAt: null });
    return { key, id: row.id };
  }

  /** Makes sure a key with this exact text exists as ADMIN (the ADMIN_API_KEY start-up option). */
  async ensureAdminKey(key: string): Promise<void> {
    await this.db.query(
      `INSERT INTO api_key (name, role, key_hash) VALUES ('ADMIN_API_KEY', 'ADMIN', $1)
       ON CONFLICT (key_hash) DO UPDATE SET role = 'ADMIN', revoked_at = NULL`,
      [hashApiKey(key)],
    );
  }
}
