import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Access } from '../auth/role';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { RecordKind } from './record-kind';

@Resolver()
export class StrikeOutResolver {
  @Mutation(() => Boolean, { description: 'Takes a record entered in error out of the register; its audit entry keeps what it was.' })
  @Allow(Access.admin)
  async strikeOut(
    @Ctx() ctx: RequestContext,
    @Arg('kind', () => RecordKind, { description: 'What kind of record.' }) kind: RecordKind,
    @Arg('id', () => ID, { description: "The record's id (a proposal's reference, or a release's name, will do too)." }) id: string,
    @Arg('reason', { description: 'Why it was entered in error; the audit log keeps it.' }) reason: string,
  ): Promise<boolean> {
    await ctx.services.strikeOut.strikeOut(ctx, kind, id, reason);
    return true;
  }
}
