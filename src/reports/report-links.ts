import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SigningSecrets } from '../auth/signing-secrets';
import { InvalidInputError } from '../common/errors';

export const REPORT_FORMATS = ['md', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** change-status-report-2021-04-v2.pdf */
export const reportFileName = (period: string, version: number, format: ReportFormat): string =>
  `change-status-report-${period}-v${version}.${format}`;

/** The longest a link may live: a week covers a Panel meeting's papers. */
const MAX_MINUTES = 7 * 24 * 60;

export type LinkCheck = 'valid' | 'expired' | 'invalid';

/**
 * Signed, expiring download links, so that a Panel member can open a report in a browser
 * without a key: `/reports/{id}.pdf?expires=<unix seconds>&signature=<HMAC-SHA256>`. The secret
 * lives in the database (made on first use), so every API process signs and checks alike.
 */
export class ReportLinkService {
  constructor(private readonly secrets: SigningSecrets, readonly defaultMinutes = 60) {}

  /** The query string of a link to one format of a report, valid until `expiresAt`. */
  async sign(id: string, format: ReportFormat, expiresAt: Date): Promise<string> {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return `expires=${expires}&signature=${await this.mac(id, format, expires)}`;
  }

  /** When links made now for `minutes` (default: the configured lifetime) stop working. */
  expiry(now: Date, minutes?: number | null): Date {
    const m = minutes ?? this.defaultMinutes;
    if (!Number.isInteger(m) || m < 1 || m > MAX_MINUTES) {
      throw new InvalidInputError(`validForMinutes must be a whole number from 1 to ${MAX_MINUTES} (a week); got ${m}`);
    }
    return new Date(now.getTime() + m * 60_000);
  }

  /** Whether a link's expiry and signature hold at `now`; a tampered expiry fails the signature. */
  async check(id: string, format: ReportFormat, expires: unknown, signature: unknown, now: Date): Promise<LinkCheck> {
    if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires) || typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) return 'invalid';
    const expected = Buffer.from(await this.mac(id, format, Number(expires)), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'invalid';
    return Number(expires) * 1000 <= now.getTime() ? 'expired' : 'valid';
  }

  private async mac(id: string, format: ReportFormat, expires: number): Promise<string> {
    return createHmac('sha256', await this.key()).update(`${id}.${format}.${expires}`).digest('hex');
  }

  private key(): Promise<Buffer> {
    return this.secrets.get('report-links');
  }
}
