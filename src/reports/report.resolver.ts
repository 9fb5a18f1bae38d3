import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/role';
import { NotImplementedError } from '../common/errors';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { Report } from './report.types';

const COMES_WITH = 'the Change Status Report capability';

/** The contract's report operations; the report builder is a later capability. */
@Resolver(() => Report)
export class ReportResolver {
  @Query(() => Report, { nullable: true })
  @Allow(Access.read)
  report(@Ctx() _ctx: RequestContext, @Arg('id', () => ID) _id: string): Report | null {
    throw new NotImplementedError('report', COMES_WITH);
  }

  @Query(() => [Report])
  @Allow(Access.read)
  reports(@Ctx() _ctx: RequestContext, @Arg('period', () => String, { nullable: true }) _period: string | null): Report[] {
    throw new NotImplementedError('reports', COMES_WITH);
  }

  @Mutation(() => Report, { description: 'Queue a fresh build of the Change Status Report for a month (YYYY-MM).' })
  @Allow(Access.admin)
  regenerateReport(@Ctx() _ctx: RequestContext, @Arg('period') _period: string): Report {
    throw new NotImplementedError('regenerateReport', COMES_WITH);
  }
}
