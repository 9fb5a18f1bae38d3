import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SigningSecrets } from '../auth/signing-secrets';
import { InvalidInputError } from '../common/errors';
import { isId } from '../common/ids';
import { type PaperKind, paperSlug } from './paper/paper-kind';

export const REPORT_FORMATS = ['md', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** change-status-report-2021-04-v2.pdf, modification-timetables-2019-03-v1.pdf */
export const reportFileName = (kind: PaperKind, period: string, version: number, format: ReportFormat): string =>
  `${paperSlug(kind)}-${period}-v${version}.${format}`;

/** The longest a link may live: a week covers a Panel meeting's papers. */
const MAX_MINUTES = 7 * 24 * 60;

export type LinkCheck = 'valid' | 'expired' | 'invalid' | 'key-revoked';

/** Whether the key with this id may still read reports (neither revoked nor expired, and of a reading role). */
export type KeyStillReads = (keyId: string) => Promise<boolean>;

/**
 * Signed, expiring download links, so that a Panel member can open a report in a browser
 * without a key: `/reports/{id}.pdf?key=<key id>&expires=<unix seconds>&signature=<HMAC-SHA256>`.
 * A link lends its maker's key: it names the key's id (never the key), and stops working the
 * moment that key is revoked or expires, as calendar feeds and admin sessions do. The secret lives
 * in the database (made on first use), so every API process signs and checks alike.
 */
export class ReportLinkService {
  constructor(private readonly secrets: SigningSecrets, private readonly keyStillReads: KeyStillReads, readonly defaultMinutes = 60) {}

  /** The query string of a link to one format of a report, made by the key `keyId`, valid until `expiresAt`. */
  async sign(id: string, format: ReportFormat, expiresAt: Date, keyId: string): Promise<string> {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return `key=${keyId}&expires=${expires}&signature=${await this.mac(id, format, expires, keyId)}`;
  }

  /** When links made now for `minutes` (default: the configured lifetime) stop working. */
  expiry(now: Date, minutes?: number | null): Date {
    const m = minutes ?? this.defaultMinutes;
    if (!Number.isInteger(m) || m < 1 || m > MAX_MINUTES) {
      throw new InvalidInputError(`validForMinutes must be a whole number from 1 to ${MAX_MINUTES} (a week); got ${m}`);
    }
    return new Date(now.getTime() + m * 60_000);
  }

  /**
   * Whether a link holds at `now`: its signature (a tampered expiry or key fails it), its expiry,
   * and the key that made it.
   */
  async check(id: string, format: ReportFormat, link: { key?: unknown; expires?: unknown; signature?: unknown }, now: Date): Promise<LinkCheck> {
    const { key, expires, signature } = link;
    if (typeof key !== 'string' || !isId(key) || typeof expires !== 'string' || !/^\d{1,12}$/.test(expires) || typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) {
      return 'invalid';
    }
    const expected = Buffer.from(await this.mac(id, format, Number(expires), key), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'invalid';
    if (Number(expires) * 1000 <= now.getTime()) return 'expired';
    return (await this.keyStillReads(key)) ? 'valid' : 'key-revoked';
  }

  private async mac(id: string, format: ReportFormat, expires: number, keyId: string): Promise<string> {
    return createHmac('sha256', await this.key()).update(`${id}.${format}.${expires}.${keyId}`).digest('hex');
  }

  private key(): Promise<Buffer> {
    return this.secrets.get('report-links');
  }
}
