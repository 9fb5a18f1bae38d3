import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { isId } from '../common/ids';
import { ApiKey, ApiKeySource } from './api-key.entity';
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

/** What start-up did with ADMIN_API_KEY. */
export interface EnvKeyOutcome {
  key: 'created' | 'kept' | 'revoked-stays-revoked';
  /** Keys made from earlier values of ADMIN_API_KEY, revoked now. */
  previousRevoked: number;
}

export class ApiKeyService {
  constructor(private readonly db: DataSource) {}

  /**
   * The caller a presented key belongs to, or null for an unknown, revoked or expired key: read
   * on every request, so a revocation holds at once. Notes the use, at most once a minute, in the
   * same statement.
   */
  async authenticate(key: string): Promise<Caller | null> {
    const [row] = await this.db.query(
      `WITH k AS (
         SELECT id, name, role, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale FROM api_key
          WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())),
       touched AS (UPDATE api_key SET last_used_at = now() FROM k WHERE api_key.id = k.id AND k.stale RETURNING api_key.id)
       SELECT k.id, k.name, k.role FROM k`,
      [hashApiKey(key)],
    );
    return row ? { keyId: row.id, name: row.name, role: row.role } : null;
  }

  /** Creates a key and returns it: the only time its text exists outside the caller's hands. */
  async create(name: string, role: Role, options: { expiresAt?: Date | null; source?: ApiKeySource; db?: DataSource } = {}): Promise<{ key: string; id: string; apiKey: ApiKey }> {
    if (!name.trim()) throw new InvalidInputError('A key needs a name, e.g. --name "SECAS admin"');
    if (!Object.values(Role).includes(role)) {
      throw new InvalidInputError(`Unknown role ${JSON.stringify(role)}: use one of ${Object.values(Role).join(', ')}`);
    }
    const expiresAt = options.expiresAt ?? null;
    if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= Date.now())) {
      throw new InvalidInputError(`expiresAt must be in the future; got ${Number.isNaN(expiresAt.getTime()) ? 'an invalid date' : expiresAt.toISOString()}`);
    }
    const key = generateApiKey();
    // In a transaction of the caller's DataSource: the audit log names who made the key.
    const apiKey = await (options.db ?? this.db).transaction((tx) => tx.getRepository(ApiKey).save({
      name: name.trim(), role, keyHash: hashApiKey(key), revokedAt: null, expiresAt, source: options.source ?? ApiKeySource.CLI,
    }));
    return { key, id: apiKey.id, apiKey };
  }

  /** Every key, oldest first, without their secrets. */
  async list(): Promise<ApiKey[]> {
    return this.db.getRepository(ApiKey).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Stops a key at once; revoking it again changes nothing. */
  async revoke(id: string, db: DataSource = this.db): Promise<ApiKey> {
    if (!isId(id)) throw new NotFoundError('API key', id);
    await db.transaction((tx) => tx.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]));
    const row = await this.db.getRepository(ApiKey).findOneBy({ id });
    if (!row) throw new NotFoundError('API key', id);
    return row;
  }

  /**
   * The ADMIN_API_KEY start-up option: a key with exactly this text exists as ADMIN, and the keys
   * made from earlier values are revoked. A key revoked by an admin stays revoked, whatever the
   * environment says: a leaked key is stopped for good, and the operator sets a new value.
   */
  async ensureAdminKey(key: string, db: DataSource = this.db): Promise<EnvKeyOutcome> {
    return db.transaction(async (tx) => {
      const hash = hashApiKey(key);
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('api-key:env'))`);
      const [existing] = await tx.query(`SELECT revoked_at FROM api_key WHERE key_hash = $1`, [hash]);
      if (!existing) {
        await tx.query(`INSERT INTO api_key (name, role, key_hash, source) VALUES ('ADMIN_API_KEY', 'ADMIN', $1, 'env')`, [hash]);
      }
      const revoked = await tx.query(
        `WITH r AS (UPDATE api_key SET revoked_at = now() WHERE source = 'env' AND key_hash <> $1 AND revoked_at IS NULL RETURNING id) SELECT count(*)::int AS n FROM r`,
        [hash],
      );
      return { key: !existing ? 'created' : existing.revoked_at ? 'revoked-stays-revoked' : 'kept', previousRevoked: revoked[0].n };
    });
  }
}
