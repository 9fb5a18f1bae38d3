import type { Request, RequestHandler, Response } from 'express';
import { createServiceContext } from '../common/service-context';
import { exportRegister, type SheetKey } from '../register-sheets';
import type { RouteDeps } from './route-deps';
import { readerOrRefuse, refuse } from './key-refusal';
import { requestFactsOf } from './request-facts';
import { isLocalDate } from '../calendar/local-date';
import { dayWithinTheRegister } from '../register-rules/rules';
import { registerSpan } from '../register-rules/register-facts.sql';

const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

/**
 * GET /register.xlsx (Proposals, Assessments, About) and /register.csv (Proposals; with
 * ?sheet=assessments, Assessments): the register as SECAS's spreadsheet, for a key that may read;
 * `?asOf=YYYY-MM-DD`: as it stood at the end of that day (default today).
 */
export const REGISTER_EXPORT_PATHS = ['/register.xlsx', '/register.csv'];

export function registerExport({ db, services, clock, logger, dueSoonWorkingDays }: RouteDeps): RequestHandler {
  return async (req: Request, res: Response) => {
    const format = req.path.endsWith('.xlsx') ? 'xlsx' : 'csv';
    const sheet = req.query.sheet ?? 'proposals';
    if (sheet !== 'proposals' && sheet !== 'assessments') return refuse(res, 400, 'BAD_USER_INPUT', 'sheet must be proposals or assessments');
    if (format === 'xlsx' && req.query.sheet !== undefined) return refuse(res, 400, 'BAD_USER_INPUT', 'The XLSX holds both sheets: ask for /register.xlsx without ?sheet');
    const asOf = req.query.asOf ?? clock.today();
    if (typeof asOf !== 'string' || !isLocalDate(asOf)) return refuse(res, 400, 'BAD_USER_INPUT', 'asOf must be a date (YYYY-MM-DD): the register as it stood at the end of that day');
    try {
      const caller = await readerOrRefuse(req, res, services, 'the register');
      if (!caller) return;
      requestFactsOf(res).keyName = caller.name;
      const ctx = createServiceContext({ db, clock, logger, caller, dueSoonWorkingDays, calendars: services.calendars });
      try {
        dayWithinTheRegister('asOf', asOf, await registerSpan(db, clock.today()));
      } catch (err) {
        return refuse(res, 400, 'BAD_USER_INPUT', (err as Error).message);
      }
      const body = await exportRegister(ctx, format, sheet as SheetKey, asOf);
      const name = `sec-register-${asOf}${format === 'csv' ? `-${sheet}` : ''}.${format}`;
      res.setHeader('Content-Type', CONTENT_TYPES[format]);
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      res.setHeader('Cache-Control', 'private, no-store');
      return res.send(body);
    } catch (err) {
      logger.error({ err }, 'register export failed');
      return refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'The register could not be exported; the error is logged');
    }
  };
}
