import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { listMailbox, readMailboxMessage } from '../infra/mail/dev-mailbox';
import type { Logger } from '../infra/logger';
import { escapeHtml as e } from '../notifications/templates/escape';

/** Where the dev mailbox is served: under /admin, where the admin session cookie goes. */
export const DEV_MAILBOX_PATH = '/admin/mailbox';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** A page elsewhere can point a name of its own at 127.0.0.1 (DNS rebinding): only local names are answered. */
const LOCAL_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem; color: #1d2730; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #d8dee4; font-size: 14px; vertical-align: top; }
  th { border-bottom: 2px solid #1d3b5a; }
  iframe { width: 100%; height: 75vh; border: 1px solid #d8dee4; }
  pre { white-space: pre-wrap; background: #f3f5f7; padding: 1rem; }
</style></head><body>${body}</body></html>`;

/**
 * Lets in a client on this machine only: judged by the address Express believes (the forwarded
 * client's where TRUST_PROXY trusts the proxy, so a proxy on this host does not make everyone
 * local) and by a local host name (a page elsewhere can point a name of its own at 127.0.0.1).
 */
export const onThisMachineOnly: RequestHandler = (req, res, next) => {
  if (LOOPBACK.has(req.ip ?? '') && LOCAL_HOST.test(req.headers.host ?? '')) return next();
  res.status(403).type('text/plain').send('The dev mailbox answers on this machine only');
};

/**
 * The dev mailbox: what the worker's own SMTP server received, for a newcomer's browser. Mounted
 * only when configuration asks for it (DEV_MAILBOX, or `npm run demo`), behind onThisMachineOnly
 * and an ADMIN key or session: it shows every digest the register sends.
 */
export function devMailboxRoutes(dir: string, logger: Logger): Router {
  const router = express.Router();
  const fail = (res: Response, err: unknown) => {
    logger.error({ err }, 'dev mailbox: could not read the mailbox');
    res.status(500).type('text/plain').send('Could not read the mailbox; see the log');
  };

  router.get('/', async (_req: Request, res: Response) => {
    try {
      const entries = await listMailbox(dir);
      const rows = entries.map((m) =>
        `<tr><td>${e(m.date?.toISOString().replace('T', ' ').slice(0, 19) ?? '')}</td><td>${e(m.to)}</td>` +
        `<td><a href="${DEV_MAILBOX_PATH}/${encodeURIComponent(m.file)}">${e(m.subject)}</a></td></tr>`).join('');
      res.type('html').send(page('Dev mailbox', `<h1>Dev mailbox</h1><p>${entries.length} message(s) in ${e(dir)}, newest first.</p>` +
        `<table><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr>${rows}</table>`));
    } catch (err) {
      fail(res, err);
    }
  });

  router.get('/:file', async (req: Request<{ file: string }>, res: Response) => {
    try {
      const message = await readMailboxMessage(dir, req.params.file);
      if (!message) return void res.status(404).type('text/plain').send('No such message');
      const { parsed } = message;
      const file = encodeURIComponent(req.params.file);
      const header = (name: string, value: unknown) => `<tr><th>${e(name)}</th><td>${e(String(value ?? ''))}</td></tr>`;
      const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : parsed.to?.text;
      res.type('html').send(page(parsed.subject ?? 'Message', `<p><a href="${DEV_MAILBOX_PATH}">← all messages</a></p>` +
        `<table>${header('Subject', parsed.subject)}${header('From', parsed.from?.text)}${header('To', to)}` +
        `${header('Date', parsed.date?.toISOString())}${header('Message-ID', parsed.messageId)}</table>` +
        `<p><a href="${DEV_MAILBOX_PATH}/${file}/text">plain-text part</a> · <a href="${DEV_MAILBOX_PATH}/${file}/raw">raw .eml</a></p>` +
        `<iframe sandbox src="${DEV_MAILBOX_PATH}/${file}/html" title="HTML part"></iframe>`));
    } catch (err) {
      fail(res, err);
    }
  });

  router.get('/:file/:part', async (req: Request<{ file: string; part: string }>, res: Response) => {
    try {
      const message = await readMailboxMessage(dir, req.params.file);
      if (!message || !['html', 'text', 'raw'].includes(req.params.part)) return void res.status(404).type('text/plain').send('No such message');
      if (req.params.part === 'raw') return void res.type('message/rfc822').attachment(req.params.file).send(message.raw);
      if (req.params.part === 'text') return void res.type('text/plain').send(message.parsed.text ?? '');
      // An email's HTML, served on the API's origin: no script, no request anywhere, whatever it holds.
      res.set({ 'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:", 'X-Content-Type-Options': 'nosniff' });
      res.type('html').send(message.parsed.html || '<p>(no HTML part)</p>');
    } catch (err) {
      fail(res, err);
    }
  });
  return router;
}
