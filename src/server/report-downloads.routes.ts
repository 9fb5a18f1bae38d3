import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { isId } from '../common/ids';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import { Report, ReportStatus } from '../reports/report.entity';
import { REPORT_FORMATS, type ReportFormat, reportFileName } from '../reports/report-links';
import type { Services } from '../services';
import { readerOrRefuse, refuse } from './key-refusal';

const CONTENT_TYPE: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

interface Options {
  db: DataSource;
  services: Services;
  clock: Clock;
  logger: Logger;
}


/**
 * GET /reports/{id}.md|.html|.pdf: a report's files, for a key that may read reports
 * (`Authorization: Bearer`) or a signed link that has not expired. The HTML is served with a
 * policy that lets it load nothing: it needs nothing, and a report quotes text that users wrote.
 */
export function reportDownloadRoutes({ db, services, clock, logger }: Options): Router {
  const router = Router();
  router.get('/:file', async (req: Request, res: Response) => {
    try {
      return await download(req, res);
    } catch (err) {
      logger.error({ err, path: req.path }, 'report download failed');
      return refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'The report could not be read; the error is logged');
    }
  });

  async function download(req: Request, res: Response) {
    const match = /^(.+)\.(md|html|pdf)$/.exec(String(req.params.file));
    if (!match) return refuse(res, 404, 'NOT_FOUND', `No such file: ask for /reports/{id}.${REPORT_FORMATS.join('|')}`);
    const [, id, format] = match as unknown as [string, string, ReportFormat];

    if (req.query.signature !== undefined || req.query.expires !== undefined) {
      const check = isId(id) ? await services.reportLinks.check(id, format, req.query, clock.now()) : 'invalid';
      if (check === 'expired') return refuse(res, 403, 'FORBIDDEN', 'This link has expired: ask for a new one (Report.links)');
      if (check === 'key-revoked') return refuse(res, 403, 'FORBIDDEN', 'The key this link was made with has been revoked or has expired: ask for a new one (Report.links)');
      if (check === 'invalid') return refuse(res, 403, 'FORBIDDEN', 'This link is not valid: its signature does not match');
    } else if (!(await readerOrRefuse(req, res, services, 'reports', ', or use a signed link'))) {
      return;
    }

    const report = isId(id)
      ? await db.getRepository(Report).createQueryBuilder('r').addSelect(format === 'pdf' ? 'r.pdf' : 'r.id').where('r.id = :id', { id }).getOne()
      : null;
    if (!report) return refuse(res, 404, 'NOT_FOUND', `Report ${id} does not exist`);
    const body = format === 'pdf' ? report.pdf : format === 'html' ? report.html : report.markdown;
    if (report.status !== ReportStatus.READY || !body) {
      return refuse(res, 404, 'NOT_FOUND', `Report ${id} has no ${format} file: it is ${report.status}${report.status === ReportStatus.READY ? ' (built before PDFs were made)' : ''}`);
    }
    const name = reportFileName(report.kind, report.period, report.version, format);
    res.setHeader('Content-Type', CONTENT_TYPE[format]);
    res.setHeader('Content-Disposition', `${format === 'md' ? 'attachment' : 'inline'}; filename="${name}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // A READY version's facts never change, but its title block may be edited until circulated: ask again each time.
    res.setHeader('Cache-Control', 'private, no-cache');
    if (format === 'html') res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    logger.info({ reportId: id, format, signedLink: req.query.signature !== undefined }, 'report downloaded');
    return res.send(body);
  }
  return router;
}
