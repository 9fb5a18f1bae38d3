import type { WorkerHandlers } from '../handler-context';
import { slaRecomputeHandler } from './sla-recompute.handler';

/** Every job of the contract and its handler; leaving one out does not compile. */
export const handlers: WorkerHandlers = {
  'sla-recompute': slaRecomputeHandler,
};
