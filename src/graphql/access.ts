import { defaultFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { Extensions } from 'type-graphql';
import { KEY_REFUSALS } from '../auth/key-refusals';
import type { Role } from '../auth/role';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import type { RequestContext } from './context';

/**
 * Declares who may call an operation. Access is default-deny: a query or mutation without
 * `@Allow` refuses everybody (see `guardRootFields`), and a test walks the schema for any.
 */
export function Allow(roles: readonly Role[]): MethodDecorator {
  return Extensions({ allow: [...roles] });
}

export function allowedRoles(schema: GraphQLSchema, typeName: string, fieldName: string): readonly Role[] | undefined {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return undefined;
  return type.getFields()[fieldName]?.extensions?.allow as readonly Role[] | undefined;
}

/**
 * Checks a root field's caller before its resolver runs; nested fields inherit their root's check.
 * Only root fields carry it: a page's thousands of nested fields pay nothing for access.
 */
function checkAccess(context: RequestContext, allow: readonly Role[], typeName: string, fieldName: string): void {
  const { caller } = context.auth;
  if (!caller) {
    throw new UnauthenticatedError(context.auth.presented ? KEY_REFUSALS.invalid : KEY_REFUSALS.missing);
  }
  if (!allow.includes(caller.role)) {
    throw new ForbiddenError(
      allow.length === 0
        ? `${fieldName} is not open to any role`
        : `${fieldName} needs the role ${allow.join(' or ')}; this key has ${caller.role}`,
    );
  }
  // Mutations of one document run in turn; each must read what the previous one wrote.
  if (typeName === 'Mutation') context.forgetCaches();
}

/**
 * Wraps the resolver of every root field (queries, mutations) with its access check, in place.
 * A field without `@Allow` refuses everybody: access is default-deny.
 */
export function guardRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const allow = allowedRoles(schema, root.name, field.name) ?? [];
      const resolve = field.resolve ?? defaultFieldResolver;
      const typeName = root.name;
      field.resolve = (source, args, context: RequestContext, info) => {
        checkAccess(context, allow, typeName, field.name);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
