import type { JobHandler } from '../../src/queue/job-contract';
import type { HandlerContext } from '../handler-context';

/** The monthly Change Status Report: built once, on or after its date, then circulated by its build. */
export const reportScheduleHandler: JobHandler<'report-schedule', HandlerContext> = async (_job, payload, ctx) => {
  const day = payload.day ?? ctx.clock.today();
  const run = await ctx.services.reports.runSchedule(ctx, day);
  if (run.outcome === 'queued') ctx.logger.info({ ...run, day }, "the month's Change Status Report is due: build queued");
  else ctx.logger.debug({ ...run, day }, 'monthly report schedule: nothing to do');
  return run;
};
