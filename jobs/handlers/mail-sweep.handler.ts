import type { JobHandler } from '../../src/queue/job-contract';
import type { HandlerContext } from '../handler-context';

/** Gives every undelivered message a send job (deduplicated: one already queued is kept). */
export const mailSweepHandler: JobHandler<'mail-sweep', HandlerContext> = async (_job, _payload, ctx) => {
  const queued = await ctx.services.outbox.sweep(ctx);
  if (queued) ctx.logger.info({ queued }, 'undelivered messages given a send job');
  return { queued };
};
