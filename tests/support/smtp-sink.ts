import { type ParsedMail, simpleParser } from 'mailparser';
import { SmtpRefusal, startSmtpReceiver } from '../../src/infra/mail/smtp-receiver';

export interface ReceivedMail {
  messageId: string;
  to: string[];
  parsed: ParsedMail;
  /** When the server answered 250 (ms since the epoch). */
  acceptedAt: number;
}

export interface SmtpSink {
  /** For SMTP_URL or the transport: plain SMTP on loopback. */
  url: string;
  readonly received: ReceivedMail[];
  /** Deliveries the server refused with a 4xx so far. */
  readonly refused: number;
  /** How the next deliveries are answered: refuse the next `n` with 451, or each with probability `p`. */
  refuseNext(n: number): void;
  refuseFraction(p: number, random?: () => number): void;
  /** From now on nobody@… exists (as after a mailbox is created). */
  createNobodysMailbox(): void;
  /**
   * From now on each message is taken (counted in `received`: the server has committed it), then
   * its 250 held back for `ms`, as a slow server holds it; 0 answers at once again, the answers
   * held now included.
   */
  holdAnswers(ms: number): void;
  /** Messages taken whose 250 is still held back. */
  readonly holding: number;
  /** Received, counted by Message-ID. */
  countsByMessageId(): Map<string, number>;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process. It refuses any recipient nobody@… with 550, as a server
 * refuses a mailbox that does not exist (nodemailer's `smtp-server`): it parses every message it
 * accepts with `mailparser`, and can answer 451 for a while, as a mail server in trouble does.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let refuseCount = 0;
  let refuseProbability = 0;
  let random: () => number = Math.random;
  let refused = 0;
  let mailboxesOfNobody = false;
  let holdMs = 0;
  let holding = 0;
  const held = new Set<() => void>();
  const releaseHeld = () => {
    for (const release of held) release();
    held.clear();
  };
  const receiver = await startSmtpReceiver({
    // A mailbox that does not exist: the server's final word (5xx), as a real one gives it.
    onRecipient: (address) => {
      if (!mailboxesOfNobody && address.address.startsWith('nobody@')) throw new SmtpRefusal(550, '5.1.1 No such mailbox');
    },
    onMessage: async (raw) => {
      if (refuseCount > 0 || (refuseProbability > 0 && random() < refuseProbability)) {
        if (refuseCount > 0) refuseCount -= 1;
        refused += 1;
        throw new SmtpRefusal(451, '4.3.0 Try again later');
      }
      const parsed = await simpleParser(raw);
      const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
      received.push({ messageId: parsed.messageId ?? '', to, parsed, acceptedAt: Date.now() });
      const queuedAs = `queued as ${received.length}`;
      if (holdMs > 0) {
        holding += 1;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(release, holdMs);
          function release() {
            clearTimeout(timer);
            held.delete(release);
            resolve();
          }
          held.add(release);
        });
        holding -= 1;
      }
      return queuedAs;
    },
  });
  return {
    url: receiver.url,
    received,
    get refused() {
      return refused;
    },
    refuseNext: (n) => {
      refuseCount = n;
    },
    refuseFraction: (p, r = Math.random) => {
      refuseProbability = p;
      random = r;
    },
    createNobodysMailbox: () => {
      mailboxesOfNobody = true;
    },
    holdAnswers: (ms) => {
      holdMs = ms;
      if (ms === 0) releaseHeld();
    },
    get holding() {
      return holding;
    },
    countsByMessageId: () => {
      const counts = new Map<string, number>();
      for (const m of received) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      return counts;
    },
    close: () => {
      releaseHeld();
      return receiver.close();
    },
  };
}
