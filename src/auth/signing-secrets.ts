import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * The service's HMAC keys, one per purpose (report links, admin sessions). They live in the
 * database, made on first use, so that every process of the service signs and checks alike.
 */
export class SigningSecrets {
  private readonly loaded = new Map<string, Promise<Buffer>>();

  constructor(private readonly db: DataSource) {}

  get(name: string): Promise<Buffer> {
    let secret = this.loaded.get(name);
    if (!secret) {
      secret = this.load(name).catch((err) => {
        this.loaded.delete(name); // a database blip must not poison every later use
        throw err;
      });
      this.loaded.set(name, secret);
    }
    return secret;
  }

  private async load(name: string): Promise<Buffer> {
    // Two processes racing on a fresh install: one insert wins, both read the winner.
    await this.db.query(`INSERT INTO signing_secret (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, randomBytes(32)]);
    const [row] = await this.db.query(`SELECT secret FROM signing_secret WHERE name = $1`, [name]);
    return row.secret as Buffer;
  }
}
