import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/role';
import type { LocalDate } from '../calendar/local-date';
import { NotImplementedError } from '../common/errors';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import { JobRun } from './job-run.types';

const COMES_WITH = 'the scheduled job runner';

/** The contract's job operations; the job runner is a later capability. */
@Resolver(() => JobRun)
export class JobRunResolver {
  @Query(() => JobRun, { nullable: true })
  @Allow(Access.admin)
  jobRun(@Ctx() _ctx: RequestContext, @Arg('id', () => ID) _id: string): JobRun | null {
    throw new NotImplementedError('jobRun', COMES_WITH);
  }

  @Mutation(() => JobRun, { description: 'Queue the SLA recompute (and the notifications that follow it) now.' })
  @Allow(Access.admin)
  recomputeSla(@Ctx() _ctx: RequestContext, @Arg('asOf', () => LocalDateScalar, { nullable: true }) _asOf: LocalDate | null): JobRun {
    throw new NotImplementedError('recomputeSla', COMES_WITH);
  }
}
