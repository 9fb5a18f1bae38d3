import { PaperKind } from '../../src/reports/paper/paper-kind';
import type { JobHandler } from '../../src/queue/job-contract';
import type { HandlerContext } from '../handler-context';

/** The monthly Panel papers: each built once, on or after its date, then circulated by its build. */
export const reportScheduleHandler: JobHandler<'report-schedule', HandlerContext> = async (_job, payload, ctx) => {
  const day = payload.day ?? ctx.clock.today();
  const run = await ctx.services.reports.runSchedule(ctx, day);
  const timetables = await ctx.services.reports.runSchedule(ctx, day, PaperKind.MODIFICATION_TIMETABLES);
  for (const [paper, r] of [['Change Status Report', run], ['Modification Timetables paper', timetables]] as const) {
    if (r.outcome === 'queued') ctx.logger.info({ ...r, day }, `the month's ${paper} is due: build queued`);
    else ctx.logger.debug({ ...r, day }, `monthly ${paper} schedule: nothing to do`);
  }
  return { ...run, timetables };
};
