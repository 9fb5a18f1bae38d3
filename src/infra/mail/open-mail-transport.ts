import type { Logger } from '../logger';
import { mailboxDir, startDevMailbox } from './dev-mailbox';
import { type MailTransport, smtpTransport } from './mail-transport';

/**
 * SMTP_URL's server, or, with none, the dev mailbox: an SMTP server of the worker's own whose
 * messages the API shows at /admin/mailbox (DEV_MAILBOX). Either way mail leaves through the same SMTP transport.
 */
export async function openMailTransport(config: { smtpUrl: string | undefined; dataDir: string; smtpAnswerTimeoutMs?: number }, logger: Logger): Promise<MailTransport> {
  if (config.smtpUrl) return smtpTransport({ url: config.smtpUrl, answerTimeoutMs: config.smtpAnswerTimeoutMs }, logger);
  const mailbox = await startDevMailbox(mailboxDir(config.dataDir), logger);
  const transport = smtpTransport({ url: mailbox.url }, logger);
  return {
    send: (mail, hooks) => transport.send(mail, hooks),
    close: async () => {
      await transport.close();
      await mailbox.close();
    },
  };
}
