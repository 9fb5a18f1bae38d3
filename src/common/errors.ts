/**
 * The errors a client can cause. Each carries the GraphQL `extensions.code` it is reported
 * with; `graphql/format-error.ts` maps them, and masks everything else.
 */
export type ClientErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN';

export abstract class ClientError extends Error {
  abstract readonly code: ClientErrorCode;
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that is malformed or breaks a rule of the register. */
export class InvalidInputError extends ClientError {
  readonly code = 'BAD_USER_INPUT' as const;
}

/** A move the phase lifecycle (or an assessment's) does not allow. */
export class InvalidTransitionError extends ClientError {
  readonly code = 'BAD_USER_INPUT' as const;
}

/** Someone else changed the row since the client read it. */
export class StaleVersionError extends ClientError {
  readonly code = 'BAD_USER_INPUT' as const;
}

export class NotFoundError extends ClientError {
  readonly code = 'NOT_FOUND' as const;
  constructor(what: string, key: string) {
    super(`${what} ${JSON.stringify(key)} does not exist`, { what, key });
  }
}

export class UnauthenticatedError extends ClientError {
  readonly code = 'UNAUTHENTICATED' as const;
}

export class ForbiddenError extends ClientError {
  readonly code = 'FORBIDDEN' as const;
}

/** An operation of the contract whose capability has not been built yet: said plainly, never faked. */
export class NotImplementedError extends Error {
  readonly code = 'NOT_IMPLEMENTED' as const;
  constructor(readonly operation: string, readonly comesWith: string) {
    super(`${operation} is not available yet: it comes with ${comesWith}`);
    this.name = 'NotImplementedError';
  }
}
