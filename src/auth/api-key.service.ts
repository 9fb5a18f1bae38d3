import { hash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { isId } from '../common/ids';
import { ChangeAwareCache, type ChangeFeed } from '../infra/database/change-feed';
import type { Logger } from '../infra/logger';
import { ApiKey, ApiKeySource } from './api-key.entity';
import { Access, Role } from './role';

export interface Caller {
  keyId: string;
  name: string;
  role: Role;
}

/** Every request's key is hashed: crypto.hash, one call, costs less than half of createHash's three (244 against 628 ns). */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
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

/** What a process keeps of a key it has checked: never the key, only whose it is and until when. */
interface KnownKey {
  caller: Caller;
  expiresAt: number | null;
}

/** A key that lets its holder in now. */
const ACTIVE = `revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`;

/** A key's last use is for admins deciding what to revoke: to the minute is enough. */
const LAST_USE_EVERY_MS = 60_000;

export class ApiKeyService {
  private readonly known: ChangeAwareCache<KnownKey>;
  /** Uses of keys found in memory, written to last_used_at once a minute. */
  private readonly uses = new Map<string, Date>();
  private readonly writeUses?: NodeJS.Timeout;

  /**
   * With a change feed, a key once checked is kept in memory until a change to it is announced,
   * so the warm path costs no statement; without one (commands, tests of the service alone),
   * every check reads the database.
   */
  constructor(private readonly db: DataSource, cached?: { changes: ChangeFeed; logger: Logger }) {
    this.known = new ChangeAwareCache(cached?.changes, 'api_key', { confirmHits: true });
    if (cached) {
      // Made here, at start-up, so that no request's time budget comes with it.
      this.writeUses = setInterval(() => {
        this.writeLastUses().catch((err) => cached.logger.warn({ err }, 'writing the last use of API keys failed; tried again in a minute'));
      }, LAST_USE_EVERY_MS);
      this.writeUses.unref();
    }
  }

  /**
   * The caller a presented key belongs to, or null for an unknown, revoked or expired key. A
   * revocation holds at once in every process: a kept key is served only after the change feed has
   * heard every change committed before the request (one shared empty statement on the feed's
   * connection, no table read); while the feed is down every key is read again.
   */
  authenticate(key: string): Promise<Caller | null> {
    return this.authenticateHash(hashApiKey(key));
  }

  /**
   * `authenticate`, for a key this process has found valid and kept; undefined, with nothing read,
   * for any other key, and for every key while the change feed is down (nothing is kept then). The
   * key is hashed once, where `isKnown` and then `authenticate` hash it twice.
   */
  authenticateKnown(key: string): Promise<Caller | null> | undefined {
    const hash = hashApiKey(key);
    return this.known.has(hash) ? this.authenticateHash(hash) : undefined;
  }

  private async authenticateHash(hash: string): Promise<Caller | null> {
    let readNow = false;
    const known = await this.known.get(hash, () => {
      readNow = true;
      return this.read(hash);
    });
    if (!known) return null;
    if (known.expiresAt !== null && known.expiresAt <= Date.now()) {
      this.known.forget(hash);
      return null;
    }
    if (!readNow) this.uses.set(known.caller.keyId, new Date());
    return known.caller;
  }

  /**
   * Whether this process has found the key valid and kept it: a hint that costs no statement (the
   * rate limit lets such a key past an address that is over its budget); `authenticate` decides.
   */
  isKnown(key: string): boolean {
    return this.known.has(hashApiKey(key));
  }

  /**
   * The caller a key id belongs to while that key is neither revoked nor expired: what an admin
   * session cookie (which holds the id, never the key) is checked against on every request.
   */
  async callerById(id: string): Promise<Caller | null> {
    if (!isId(id)) return null;
    const [row] = await this.db.query(
      `SELECT id, name, role FROM api_key WHERE id = $1 AND ${ACTIVE}`,
      [id],
    );
    return row ? { keyId: row.id, name: row.name, role: row.role } : null;
  }

  /** Whether the key with this id is neither revoked nor expired, and of a role that reads the register. */
  async mayRead(id: string): Promise<boolean> {
    const caller = await this.callerById(id);
    return caller !== null && (Access.read as readonly string[]).includes(caller.role);
  }

  /** Reads a key; notes its use, at most once a minute, in the same statement. */
  private async read(hash: string): Promise<KnownKey | null> {
    const [row] = await this.db.query(
      `WITH k AS (
         SELECT id, name, role, expires_at, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale FROM api_key
          WHERE key_hash = $1 AND ${ACTIVE}),
       touched AS (UPDATE api_key SET last_used_at = now() FROM k WHERE api_key.id = k.id AND k.stale RETURNING api_key.id)
       SELECT k.id, k.name, k.role, k.expires_at FROM k`,
      [hash],
    );
    if (!row) return null;
    return { caller: { keyId: row.id, name: row.name, role: row.role }, expiresAt: row.expires_at ? new Date(row.expires_at).getTime() : null };
  }

  /** Writes the uses noted in memory; also at shutdown, so that none is lost. */
  async writeLastUses(): Promise<void> {
    if (this.uses.size === 0) return;
    const noted = new Map(this.uses);
    this.uses.clear();
    try {
      await this.db.query(
        `WITH u AS (
           UPDATE api_key SET last_used_at = u.at FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at)
            WHERE api_key.id = u.id AND (api_key.last_used_at IS NULL OR api_key.last_used_at < u.at) RETURNING api_key.id)
         SELECT count(*) FROM u`,
        [[...noted.keys()], [...noted.values()]],
      );
    } catch (err) {
      // Kept for the next try, unless a newer use was noted meanwhile.
      for (const [id, at] of noted) if (!this.uses.has(id)) this.uses.set(id, at);
      throw err;
    }
  }

  /** Stops noting uses and writes those still in memory. */
  async close(): Promise<void> {
    clearInterval(this.writeUses);
    await this.writeLastUses();
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

  /**
   * Stops a key at once; revoking it again changes nothing. The last active ADMIN key is not
   * revoked: nobody could administer the service after it (nor would a restart with the same
   * ADMIN_API_KEY bring it back).
   */
  async revoke(id: string, db: DataSource = this.db): Promise<ApiKey> {
    if (!isId(id)) throw new NotFoundError('API key', id);
    await db.transaction(async (tx) => {
      // One revocation of an ADMIN key at a time: two admins revoking each other's keys at once must not both succeed.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('api-key:admins'))`);
      const [key] = await tx.query(`SELECT role, ${ACTIVE} AS active FROM api_key WHERE id = $1`, [id]);
      if (key?.role === Role.ADMIN && key.active) {
        const [{ others }] = await tx.query(`SELECT count(*)::int AS others FROM api_key WHERE role = 'ADMIN' AND id <> $1 AND ${ACTIVE}`, [id]);
        if (others === 0) {
          throw new InvalidInputError(
            'This is the last active ADMIN key: revoked, it would leave nobody able to administer the service. ' +
              'Make another ADMIN key first (createApiKey, or npm run cli -- create-api-key --role ADMIN), then revoke this one',
          );
        }
      }
      await tx.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
    });
    this.known.forget();
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
    const outcome = await db.transaction(async (tx): Promise<EnvKeyOutcome> => {
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
    this.known.forget();
    return outcome;
  }
}
