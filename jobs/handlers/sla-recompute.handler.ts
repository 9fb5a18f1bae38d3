import type { JobHandler } from '../../src/queue/job-contract';
import type { HandlerContext } from '../handler-context';

/**
 * Stores the day's SLA statuses. The day is the payload's, or today in Europe/London when the
 * job runs (the nightly schedule's payload names no day). Errors propagate: BullMQ retries with
 * backoff, and the recompute is one transaction, so a failed attempt leaves nothing behind.
 */
export const slaRecomputeHandler: JobHandler<'sla-recompute', HandlerContext> = async (job, payload, ctx) => {
  const asOf = payload.asOf ?? ctx.clock.today();
  const log = ctx.logger.child({ asOf, reason: payload.reason });
  log.info({ full: payload.full ?? false, spanning: payload.spanning }, 'SLA recompute started');
  const result = await ctx.services.slaRecompute.run(ctx, {
    asOf,
    full: payload.full,
    spanning: payload.spanning,
    jobId: job.id,
    onProgress: async (percent, message) => {
      log.debug({ percent }, message);
      // Progress is for the admin's eyes: a queue hiccup here must not roll back the day's statuses.
      await job.updateProgress(percent).catch((err) => log.warn({ err, percent }, 'could not report progress'));
    },
  });
  log.info(
    { mode: result.mode, examined: result.examined, changed: result.changed, written: result.written, durationMs: result.durationMs },
    'SLA recompute done',
  );
  // An admin's recompute is followed by that day's digests at once (deduplicated like any other),
  // so a day can be replayed; the nightly one leaves them to the morning schedule. A day still to
  // come gets none now: its own morning will. Owed first, so a queue that loses it loses nothing.
  if (payload.reason === 'admin' && asOf <= ctx.clock.today()) await ctx.services.owedJobs.oweNow(ctx.db, 'sla-digest', { day: asOf, reason: 'admin' }, log);
  return result;
};
