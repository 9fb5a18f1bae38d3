import { UnrecoverableError } from 'bullmq';
import type { JobHandler } from '../../src/queue/job-contract';
import type { HandlerContext } from '../handler-context';

/** Builds one version of a Panel paper; a failure leaves it FAILED with its reason. */
export const reportBuildHandler: JobHandler<'report-build', HandlerContext> = async (job, payload, ctx) => {
  const log = ctx.logger.child({ reportId: payload.reportId });
  try {
    const report = await ctx.services.reports.build(ctx, payload.reportId, async (percent, step) => {
      log.debug({ percent }, step);
      await job.updateProgress(percent).catch((err) => log.warn({ err, percent }, 'could not report progress'));
    });
    log.info({ kind: report.kind, period: report.period, version: report.version, status: report.status }, 'Panel paper built');
    return { reportId: report.id, kind: report.kind, period: report.period, version: report.version, status: report.status };
  } catch (err) {
    log.error({ err }, 'Panel paper build failed');
    throw new UnrecoverableError((err as Error).message);
  }
};
