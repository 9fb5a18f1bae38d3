import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/role';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { DateTimeScalar } from '../graphql/scalars';
import { AuditEntry } from './audit-entry.types';

@Resolver(() => AuditEntry)
export class AuditLogResolver {
  @Query(() => [AuditEntry], {
    description: 'Every change to the register, newest first: who, which operation, the row before and after, when. `after`: the last id of the previous page.',
  })
  @Allow(Access.admin)
  auditLog(
    @Ctx() ctx: RequestContext,
    @Arg('target', () => String, { nullable: true, description: 'A proposal reference, release name, holiday date or key name.' }) target: string | null,
    @Arg('since', () => DateTimeScalar, { nullable: true }) since: Date | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after: string | null,
  ): Promise<AuditEntry[]> {
    return ctx.services.auditLog.list(ctx, { target, since, first, after });
  }
}
