import express, { type Request, type RequestHandler, type Response } from 'express';
import { Access } from '../auth/role';
import { isLocalDate } from '../calendar/local-date';
import { ClientError } from '../common/errors';
import { createServiceContext } from '../common/service-context';
import { importRegisterSheets } from '../register-sheets';
import { refuse } from './key-refusal';
import { identityFor } from './rate-limit';
import { requestFactsOf } from './request-facts';
import type { RouteDeps } from './route-deps';

/** A register's spreadsheet is a few hundred kilobytes; ten megabytes leaves room and refuses a mistake. */
const MAX_SPREADSHEET_BYTES = 10 * 1024 * 1024;

export const REGISTER_IMPORT_PATH = '/register/import';

/**
 * POST /register/import?format=xlsx|csv[&dryRun=true][&asOf=YYYY-MM-DD][&name=FILE]: the
 * spreadsheet import of `npm run import`, for SECAS over HTTP (the console uploads a file here).
 * The body is the file's bytes. The answer lists every entry created or updated (with a dry run,
 * that would be) by its sheet and row, and every fact the register kept; a refusal names the
 * place at fault and changes nothing, as the command line's does.
 */
export function registerImport({ db, services, clock, logger, dueSoonWorkingDays }: RouteDeps): RequestHandler[] {
  return [express.raw({ type: () => true, limit: MAX_SPREADSHEET_BYTES }), async (req: Request, res: Response) => {
    const { caller, outage } = await identityFor(req, res, services);
    if (outage) return refuse(res, 503, 'UNAVAILABLE', 'The service cannot reach its database just now: try again shortly');
    if (!caller) return refuse(res, 401, 'UNAUTHENTICATED', 'Importing the register needs an API key (Authorization: Bearer)');
    if (!(Access.admin as readonly string[]).includes(caller.role)) return refuse(res, 403, 'FORBIDDEN', `Importing the register needs the role ${Access.admin.join(' or ')}`);
    requestFactsOf(res).keyName = caller.name;

    const format = req.query.format;
    if (format !== 'xlsx' && format !== 'csv') return refuse(res, 400, 'BAD_USER_INPUT', 'format must be xlsx or csv');
    const dryRun = req.query.dryRun ?? 'false';
    if (dryRun !== 'true' && dryRun !== 'false') return refuse(res, 400, 'BAD_USER_INPUT', 'dryRun must be true or false');
    const asOf = req.query.asOf;
    if (asOf !== undefined && (typeof asOf !== 'string' || !isLocalDate(asOf))) return refuse(res, 400, 'BAD_USER_INPUT', 'asOf must be a date (YYYY-MM-DD): the day the spreadsheet was exported');
    const name = typeof req.query.name === 'string' && req.query.name.trim() ? req.query.name.trim().slice(0, 200) : `register.${format}`;
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) return refuse(res, 400, 'BAD_USER_INPUT', 'The request carries no file: send the spreadsheet as the body');

    const ctx = createServiceContext({
      db, clock, logger, caller, dueSoonWorkingDays, calendars: services.calendars,
      audit: { operation: () => `import ${name}` },
    });
    try {
      const { summary, placeOf } = await importRegisterSheets(ctx, { name, format, bytes }, { asOf, dryRun: dryRun === 'true' });
      logger.info({ key: caller.name, file: name, dryRun: dryRun === 'true', changes: summary.changes.length }, 'register import over HTTP');
      return res.json({
        dryRun: dryRun === 'true',
        changes: summary.changes.map((c) => ({ outcome: c.outcome, place: placeOf(c.entry) })),
        kept: summary.kept.map((k) => ({ place: placeOf(k.entry), reason: k.reason })),
      });
    } catch (err) {
      if (err instanceof ClientError) return refuse(res, 400, err.code, err.message);
      logger.error({ err, file: name }, 'register import failed');
      return refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'The spreadsheet could not be imported; the error is logged and nothing was changed');
    }
  }];
}
