import type { JobHandler } from '../../src/queue/job-contract';
import type { HandlerContext } from '../handler-context';

/**
 * Gives every undelivered message a send job (deduplicated: one already queued is kept), and owes
 * a digest run for each of the last few Working Days whose morning firing was lost.
 */
export const mailSweepHandler: JobHandler<'mail-sweep', HandlerContext> = async (_job, _payload, ctx) => {
  const caughtUp = await ctx.services.digests.catchUp(ctx, ctx.config.digestCron);
  if (caughtUp.length) await ctx.services.owedJobs.dispatchSoon(ctx.db, ctx.logger);
  const queued = await ctx.services.outbox.sweep(ctx);
  if (queued) ctx.logger.info({ queued }, 'undelivered messages given a send job');
  return { queued, caughtUp };
};
