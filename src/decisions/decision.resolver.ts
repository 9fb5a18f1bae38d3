import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { preloadedOr } from '../read-model/preloaded';
import { Access } from '../auth/role';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { Modification } from '../modifications/modification.entity';
import { Decision } from './decision.entity';
import { DecisionInput, UpdateDecisionInput } from './decision.types';
import { DecisionObject } from './decision.graphql-types';
import { ModificationObject } from '../modifications/modification.graphql-types';

@Resolver(() => DecisionObject)
export class DecisionResolver {
  @Mutation(() => DecisionObject, { description: 'Records a decision on a proposal.' })
  @Allow(Access.admin)
  recordDecision(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The decision.' }) input: DecisionInput): Promise<Decision> {
    return ctx.services.decisions.record(ctx, input);
  }

  @Mutation(() => DecisionObject, { description: 'Corrects a decision recorded in error: who decided, when, what, and the SEC Objectives it cited.' })
  @Allow(Access.admin)
  updateDecision(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The decision.' }) id: string,
    @Arg('input', { description: 'What to set; what is left out stays.' }) input: UpdateDecisionInput,
  ): Promise<Decision> {
    return ctx.services.decisions.update(ctx, id, input);
  }

  @FieldResolver(() => ModificationObject, { description: 'The proposal decided on.' })
  async modification(@Root() d: Decision, @Ctx() ctx: RequestContext): Promise<Modification> {
    return preloadedOr(d, 'modification', async () => (await ctx.loaders.modificationById.load(d.modificationId))!);
  }
}
