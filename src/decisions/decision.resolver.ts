import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { preloadedOr } from '../read-model/preloaded';
import { Access } from '../auth/role';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { Modification } from '../modifications/modification.entity';
import { Decision } from './decision.entity';
import { DecisionInput } from './decision.types';

@Resolver(() => Decision)
export class DecisionResolver {
  @Mutation(() => Decision)
  @Allow(Access.admin)
  recordDecision(@Ctx() ctx: RequestContext, @Arg('input') input: DecisionInput): Promise<Decision> {
    return ctx.services.decisions.record(ctx, input);
  }

  @FieldResolver(() => Modification)
  async modification(@Root() d: Decision, @Ctx() ctx: RequestContext): Promise<Modification> {
    return preloadedOr(d, 'modification', async () => (await ctx.loaders.modificationById.load(d.modificationId))!);
  }
}
