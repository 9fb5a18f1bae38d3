import { Arg, Field, ID, Mutation, ObjectType, Query, Resolver, Ctx } from 'type-graphql';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { DateTimeScalar } from '../graphql/scalars';
import { type ApiKey, ApiKeySource } from './api-key.entity';
import { ApiKeyObject } from './api-key.graphql-types';
import { Access, Role } from './role';

@ObjectType({ description: 'A key just made: `key` is its secret, shown this once and never again.' })
export class CreatedApiKey {
  @Field({ description: 'The secret: send it as "Authorization: Bearer <key>". Shown this once, stored only hashed.' })
  key!: string;

  @Field(() => ApiKeyObject, { description: 'The key, as apiKeys lists it.' })
  apiKey!: ApiKey;
}

@ObjectType({ description: 'The key a request was made with: its name and role (what a client shows, and which actions it offers).' })
export class KeyIdentity {
  @Field({ description: 'The key\'s name, e.g. "SECAS console".' })
  name!: string;

  @Field(() => Role, { description: 'What the key may do.' })
  role!: Role;
}

/** Keys that can be stopped (issue 8): made, listed, revoked and expired by admins. */
@Resolver(() => ApiKeyObject)
export class ApiKeyResolver {
  @Query(() => KeyIdentity, { description: 'The key this request was made with (or the signed-in session\'s key): its name and role.' })
  @Allow(Access.read)
  me(@Ctx() ctx: RequestContext): KeyIdentity {
    // Access lets only callers with a key this far.
    return { name: ctx.caller!.name, role: ctx.caller!.role };
  }

  @Query(() => [ApiKeyObject], { description: 'Every API key, oldest first, with when it was last used; never their secrets.' })
  @Allow(Access.admin)
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return ctx.services.apiKeys.list();
  }

  @Mutation(() => CreatedApiKey, { description: 'Makes a key; its secret is in the answer and nowhere else.' })
  @Allow(Access.admin)
  async createApiKey(
    @Ctx() ctx: RequestContext,
    @Arg('name', { description: 'What the key is for.' }) name: string,
    @Arg('role', () => Role, { description: 'What it may do.' }) role: Role,
    @Arg('expiresAt', () => DateTimeScalar, { nullable: true, description: 'Refused from this moment on; default: never.' }) expiresAt: Date | null,
  ): Promise<CreatedApiKey> {
    const { key, apiKey } = await ctx.services.apiKeys.create(name, role, { expiresAt, source: ApiKeySource.API, db: ctx.db });
    ctx.logger.info({ keyId: apiKey.id, name: apiKey.name, role, by: ctx.caller?.name }, 'API key created');
    return { key, apiKey };
  }

  @Mutation(() => ApiKeyObject, { description: 'Stops a key at once, in every API process; it cannot be revived.' })
  @Allow(Access.admin)
  async revokeApiKey(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: "The key's id (apiKeys lists them)." }) id: string): Promise<ApiKey> {
    const revoked = await ctx.services.apiKeys.revoke(id, ctx.db);
    ctx.logger.info({ keyId: id, name: revoked.name, by: ctx.caller?.name }, 'API key revoked');
    return revoked;
  }
}
