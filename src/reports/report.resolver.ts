import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/role';
import type { LocalDate } from '../calendar/local-date';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import { Report } from './report.entity';

@Resolver(() => Report)
export class ReportResolver {
  @Query(() => Report, { nullable: true })
  @Allow(Access.read)
  report(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Report | null> {
    return ctx.services.reports.find(ctx, id);
  }

  @Query(() => [Report], { description: 'Versions of the Change Status Report, newest first; of one month (YYYY-MM) if given.' })
  @Allow(Access.read)
  reports(@Ctx() ctx: RequestContext, @Arg('period', () => String, { nullable: true }) period: string | null): Promise<Report[]> {
    return ctx.services.reports.list(ctx, period);
  }

  @Mutation(() => Report, { description: 'Queue a fresh build of the Change Status Report for a month (YYYY-MM).' })
  @Allow(Access.admin)
  regenerateReport(
    @Ctx() ctx: RequestContext,
    @Arg('period') period: string,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: "The report's date; default: the papers deadline of the month's Panel." })
    asOf: LocalDate | null,
  ): Promise<Report> {
    return ctx.services.reports.request(ctx, period, asOf);
  }
}
