import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/role';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { DateTimeScalar } from '../graphql/scalars';
import { AuditEntryConnection, AuditEntryObject } from './audit-entry.types';

@Resolver(() => AuditEntryObject)
export class AuditLogResolver {
  @Query(() => AuditEntryConnection, {
    description: 'Every change to the register, newest first: who, which operation, the row before and after, when; `first` is at most 500.',
  })
  @Allow(Access.admin)
  auditLog(
    @Ctx() ctx: RequestContext,
    @Arg('target', () => String, { nullable: true, description: 'A proposal reference, release name, holiday date or key name.' }) target: string | null,
    @Arg('since', () => DateTimeScalar, { nullable: true, description: 'Only changes made at or after this moment.' }) since: Date | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many entries, 0 to 500.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after: string | null,
  ): Promise<AuditEntryConnection> {
    return ctx.services.auditLog.list(ctx, { target, since, first, after });
  }
}
