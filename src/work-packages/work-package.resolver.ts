import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { preloadedOr } from '../read-model/preloaded';
import { Access } from '../auth/role';
import type { LocalDate } from '../calendar/local-date';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import { Modification } from '../modifications/modification.entity';
import { WorkPackage } from './work-package.entity';
import { isWorkPackageOverdue } from './refinement-stall';
import { WorkPackageInput } from './work-package.types';
import { ModificationObject } from '../modifications/modification.graphql-types';
import { WorkPackageObject } from './work-package.graphql-types';

@Resolver(() => WorkPackageObject)
export class WorkPackageResolver {
  @Query(() => [WorkPackageObject], { description: 'Every work package, or those overdue on a day.' })
  @Allow(Access.read)
  workPackages(@Ctx() ctx: RequestContext, @Arg('overdueAsOf', () => LocalDateScalar, { description: 'Only those past their return month and not done on this day.', nullable: true }) overdueAsOf: LocalDate | null): Promise<WorkPackage[]> {
    return ctx.services.workPackages.list(ctx, overdueAsOf);
  }

  @Mutation(() => WorkPackageObject, { description: 'Records the next package of Refinement work the Panel agreed for a proposal.' })
  @Allow(Access.admin)
  planWorkPackage(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The work package.' }) input: WorkPackageInput): Promise<WorkPackage> {
    return ctx.services.workPackages.plan(ctx, input);
  }

  @Mutation(() => WorkPackageObject, { description: 'Marks a work package done.' })
  @Allow(Access.admin)
  completeWorkPackage(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The work package.' }) id: string, @Arg('on', () => LocalDateScalar, { description: 'When (not after today).' }) on: LocalDate): Promise<WorkPackage> {
    return ctx.services.workPackages.complete(ctx, id, on);
  }

  @FieldResolver(() => ModificationObject, { description: 'The proposal it is for.' })
  async modification(@Root() wp: WorkPackage, @Ctx() ctx: RequestContext): Promise<Modification> {
    return preloadedOr(wp, 'modification', async () => (await ctx.loaders.modificationById.load(wp.modificationId))!);
  }

  @FieldResolver(() => Boolean, { description: 'Not completed, and its return month has ended by asOf (default today).' })
  overdue(@Root() wp: WorkPackage, @Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateScalar, { description: 'The day; default today.', nullable: true }) asOf: LocalDate | null): boolean {
    return isWorkPackageOverdue(wp, asOf ?? ctx.clock.today());
  }
}
