import type { WorkerHandlers } from '../handler-context';
import { mailSendHandler } from './mail-send.handler';
import { mailSweepHandler } from './mail-sweep.handler';
import { reportBuildHandler } from './report-build.handler';
import { reportScheduleHandler } from './report-schedule.handler';
import { slaDigestHandler } from './sla-digest.handler';
import { slaRecomputeHandler } from './sla-recompute.handler';

/** Every job of the contract and its handler; leaving one out does not compile. */
export const handlers: WorkerHandlers = {
  'sla-recompute': slaRecomputeHandler,
  'sla-digest': slaDigestHandler,
  'mail-send': mailSendHandler,
  'mail-sweep': mailSweepHandler,
  'report-build': reportBuildHandler,
  'report-schedule': reportScheduleHandler,
};
