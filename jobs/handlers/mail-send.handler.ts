import { UnrecoverableError } from 'bullmq';
import type { JobHandler } from '../../src/queue/job-contract';
import type { HandlerContext } from '../handler-context';

/**
 * Delivers one outbox message. A refusal is recorded on the message and thrown: BullMQ retries a
 * temporary one (4xx, a dropped connection before the end of the message) with backoff; a
 * permanent one (5xx) fails at once. A message in doubt (no answer after its end was sent) ends
 * the job without a retry. A message already SENT, FAILED or IN_DOUBT is left alone; one another
 * job is sending is looked at again after a backoff, so that no message is left without a job.
 */
export const mailSendHandler: JobHandler<'mail-send', HandlerContext> = async (job, payload, ctx) => {
  // attemptsMade counts the attempts finished before this one.
  const last = job.attemptsMade + 1 >= Math.max(job.opts.attempts ?? 1, 1);
  const result = await ctx.services.outbox.deliver(ctx, payload.messageId, ctx.mail, { jobId: job.id!, last });
  const log = ctx.logger.child({ messageId: payload.messageId });
  switch (result.outcome) {
    case 'sent':
      log.info({ response: result.response, rejected: result.rejected }, 'message sent');
      return { messageId: payload.messageId, outcome: 'sent', detail: result.response };
    case 'skipped':
      log.info({ why: result.why }, 'message not sent');
      return { messageId: payload.messageId, outcome: 'skipped', detail: result.why };
    case 'in-doubt':
      // Not retried: the server may have it. The sweep sends it again once the policy's time has
      // passed, or an admin settles it; /metrics counts it meanwhile.
      log.warn({ why: result.why }, 'message in doubt: the mail server may have taken it, and never answered');
      return { messageId: payload.messageId, outcome: 'in-doubt', detail: result.why };
    case 'busy':
      // Another worker holds the claim: look again after a backoff (it finishes, or its claim lapses).
      throw new Error('Another worker is sending this message; looking again after a backoff');
    case 'failed':
      if (result.permanent) throw new UnrecoverableError(`The mail server refused the message for good: ${result.error}`);
      throw new Error(`The mail server did not take the message: ${result.error}`);
  }
  throw new Error(`Unknown delivery outcome: ${JSON.stringify(result satisfies never)}`);
};
