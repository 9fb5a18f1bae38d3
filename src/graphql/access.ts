import { type GraphQLSchema, isObjectType } from 'graphql';
import { Extensions, type MiddlewareFn } from 'type-graphql';
import { KEY_REFUSALS } from '../auth/key-refusals';
import type { Role } from '../auth/role';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import type { RequestContext } from './context';

/**
 * Declares who may call an operation. Access is default-deny: a query or mutation without
 * `@Allow` refuses everybody (see `enforceAccess`), and a test walks the schema for any.
 */
export function Allow(roles: readonly Role[]): MethodDecorator {
  return Extensions({ allow: [...roles] });
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

export function allowedRoles(schema: GraphQLSchema, typeName: string, fieldName: string): readonly Role[] | undefined {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return undefined;
  return type.getFields()[fieldName]?.extensions?.allow as readonly Role[] | undefined;
}

/** Checked on every root field before its resolver runs. Nested fields inherit their root's check. */
export const enforceAccess: MiddlewareFn<RequestContext> = ({ info, context }, next) => {
  if (!ROOT_TYPES.has(info.parentType.name)) return next();
  const allow = allowedRoles(info.schema, info.parentType.name, info.fieldName) ?? [];
  const { caller } = context.auth;
  if (!caller) {
    throw new UnauthenticatedError(
      context.auth.presented
        ? KEY_REFUSALS.invalid
        : KEY_REFUSALS.missing,
    );
  }
  if (!allow.includes(caller.role)) {
    throw new ForbiddenError(
      allow.length === 0
        ? `${info.fieldName} is not open to any role`
        : `${info.fieldName} needs the role ${allow.join(' or ')}; this key has ${caller.role}`,
    );
  }
  // Mutations of one document run in turn; each must read what the previous one wrote.
  if (info.parentType.name === 'Mutation') context.forgetCaches();
  return next();
};
