import type { JobHandler } from '../../src/queue/job-contract';
import type { HandlerContext } from '../handler-context';

/**
 * The morning digest for a day (the payload's, or today in Europe/London). On a day that is not a
 * Working Day it sends nothing, nor for a day still to come (its digest must carry that day's
 * news, and the morning's run would find it already recorded); a past day is an admin's replay.
 * It makes sure the day's recompute has run (the 02:00 one may have failed), records each group's
 * message in the outbox (once per group and day, however often it runs), then gives every
 * undelivered message a send job. Errors propagate: BullMQ retries, and a retry records nothing twice.
 */
export const slaDigestHandler: JobHandler<'sla-digest', HandlerContext> = async (job, payload, ctx) => {
  const day = payload.day ?? ctx.clock.today();
  const log = ctx.logger.child({ day, reason: payload.reason });
  const nothing = { day, recomputed: false, recorded: 0, nothingToSay: 0, alreadyRecorded: 0, queued: 0 };
  if (!(await ctx.calendar()).isWorkingDay(day)) {
    log.info('not a Working Day: no digest');
    return { ...nothing, workingDay: false };
  }
  if (day > ctx.clock.today()) {
    log.info('a day still to come: no digest yet');
    return { ...nothing, workingDay: true, future: true };
  }
  let recomputed = false;
  if (!(await ctx.services.slaRecompute.hasRun(ctx, day))) {
    log.warn("the day's SLA recompute has not run: running it before the digest");
    await ctx.services.slaRecompute.run(ctx, { asOf: day, jobId: job.id });
    recomputed = true;
  }
  await job.updateProgress(40).catch((err) => log.warn({ err }, 'could not report progress'));
  const result = await ctx.services.digests.recordDay(ctx, day);
  await job.updateProgress(80).catch((err) => log.warn({ err }, 'could not report progress'));
  // Every undelivered message, not only today's: what an earlier crash left behind goes too.
  const queued = await ctx.services.outbox.sweep(ctx);
  await job.updateProgress(100).catch((err) => log.warn({ err }, 'could not report progress'));
  return {
    day, workingDay: true, recomputed, recorded: result.recorded, nothingToSay: result.nothingToSay,
    alreadyRecorded: result.alreadyRecorded, queued,
  };
};
