import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { preloadedOr } from '../read-model/preloaded';
import { Access } from '../auth/role';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { Modification } from '../modifications/modification.entity';
import { Release } from './release.entity';
import { ReleaseInput, UpdateReleaseInput } from './release.types';
import { ModificationObject } from '../modifications/modification.graphql-types';
import { ReleaseObject } from './release.graphql-types';

@Resolver(() => ReleaseObject)
export class ReleaseResolver {
  @Query(() => [ReleaseObject], { description: 'Every release, dated ones first by date, then by name.' })
  @Allow(Access.read)
  releases(@Ctx() ctx: RequestContext): Promise<Release[]> {
    return ctx.services.releases.list(ctx);
  }

  @Mutation(() => ReleaseObject, { description: 'Records a release.' })
  @Allow(Access.admin)
  createRelease(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The release.' }) input: ReleaseInput): Promise<Release> {
    return ctx.services.releases.create(ctx, input);
  }

  @Mutation(() => ReleaseObject, { description: "Corrects a release: its name, date, kind or Modification Report deadline; the proposals that target it keep it." })
  @Allow(Access.admin)
  updateRelease(
    @Ctx() ctx: RequestContext,
    @Arg('name', { description: 'The release, by its name in any case.' }) name: string,
    @Arg('input', { description: 'What to set; what is left out stays.' }) input: UpdateReleaseInput,
  ): Promise<Release> {
    return ctx.services.releases.update(ctx, name, input);
  }

  @FieldResolver(() => [ModificationObject], { description: 'The proposals to be implemented in it, by reference.' })
  modifications(@Root() r: Release, @Ctx() ctx: RequestContext): Modification[] | Promise<Modification[]> {
    return preloadedOr(r, 'modifications', () => ctx.loaders.modificationsByRelease.load(r.id));
  }
}
