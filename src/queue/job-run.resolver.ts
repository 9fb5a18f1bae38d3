import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/role';
import type { LocalDate } from '../calendar/local-date';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import type { JobRun } from './job-run';
import { JobRunObject } from './job-run.graphql-types';
import { dayWithinTheRegister } from '../register-rules/rules';
import { registerSpan } from '../register-rules/register-facts.sql';

@Resolver(() => JobRunObject)
export class JobRunResolver {
  @Query(() => JobRunObject, { nullable: true, description: 'A background job by id; null once unknown (never queued, or past retention).' })
  @Allow(Access.admin)
  async jobRun(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: "The job's id, as recomputeSla gave it." }) id: string): Promise<JobRun | null> {
    return (await ctx.jobs.getJobRun(id)) ?? ctx.services.owedJobs.runOf(ctx.db, id);
  }

  @Mutation(() => JobRunObject, { description: 'Queue the SLA recompute (and the notifications that follow it) now; it is recorded first, so a queue that is away or loses it only delays it.' })
  @Allow(Access.admin)
  async recomputeSla(@Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateScalar, { description: 'The day; default today. Within the register: from its first fact to a year ahead.', nullable: true }) asOf: LocalDate | null): Promise<JobRun> {
    // An admin's recompute judges every assessment: it is the way to set things straight on demand.
    const day = asOf ?? ctx.clock.today();
    dayWithinTheRegister('asOf', day, await registerSpan(ctx.db, ctx.clock.today()));
    const owed = await ctx.db.transaction((tx) => ctx.services.owedJobs.owe(tx, 'sla-recompute', { asOf: day, full: true, reason: 'admin' }));
    await ctx.services.owedJobs.dispatchSoon(ctx.db, ctx.logger);
    return ctx.services.owedJobs.runOfJustOwed(ctx.db, owed);
  }
}
