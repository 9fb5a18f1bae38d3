import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import { QueryFailedError } from 'typeorm';
import { ClientError, NotImplementedError } from '../common/errors';
import { outageKind } from '../common/outage';
import type { Logger } from '../infra/logger';
import { describeConstraintViolation } from '../common/constraint-messages';

const CLIENT_CODES: ReadonlySet<string> = new Set([
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

function withCode(formatted: GraphQLFormattedError, code: string, message = formatted.message, extra = {}): GraphQLFormattedError {
  const { stacktrace: _drop, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return { ...formatted, message, extensions: { ...extensions, ...extra, code } };
}

/**
 * The one place errors become what a client sees. Our typed errors keep their code and message;
 * validation and constraint failures become BAD_USER_INPUT; anything else is logged with its
 * cause and masked, so that no stack or SQL reaches a client.
 */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = rootCause(error);
    if (original instanceof ClientError) {
      return withCode(formatted, original.code, original.message, original.details ? { details: original.details } : {});
    }
    if (original instanceof NotImplementedError) return withCode(formatted, original.code, original.message);
    if (original instanceof ArgumentValidationError) {
      const problems = original.extensions.validationErrors.flatMap((e) =>
        Object.values(e.constraints ?? {}).concat(
          (e.children ?? []).flatMap((c) => Object.values(c.constraints ?? {}).map((m) => `${e.property}: ${m}`)),
        ),
      );
      return withCode(formatted, ApolloServerErrorCode.BAD_USER_INPUT, `Invalid input: ${problems.join('; ')}`);
    }
    if (original instanceof QueryFailedError) {
      const message = describeConstraintViolation(original.driverError as { code?: string; constraint?: string; detail?: string });
      if (message) return withCode(formatted, ApolloServerErrorCode.BAD_USER_INPUT, message);
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return withCode(formatted, code);
    // Apollo's own refusals of a request it could not take (a persisted query's hash that does not
    // match its text, say) carry a 4xx status and no code of their own (Apollo fills in
    // INTERNAL_SERVER_ERROR): they are the client's.
    if ((code === undefined || code === ApolloServerErrorCode.INTERNAL_SERVER_ERROR) && isClientStatus(original)) return withCode(formatted, ApolloServerErrorCode.BAD_REQUEST);
    // Said as an outage already (the key check, before GraphQL runs).
    if (code === 'UNAVAILABLE' || code === 'TIMEOUT') return withCode(formatted, code, OUTAGE_MESSAGES[code]);
    const outage = outageKind(original);
    if (outage) {
      logger.warn({ err: original, path: formatted.path, outage }, 'a request met an outage');
      return withCode(formatted, outage, OUTAGE_MESSAGES[outage]);
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while answering a request');
    return withCode(formatted, ApolloServerErrorCode.INTERNAL_SERVER_ERROR, 'Internal error: it has been logged');
  };
}

const OUTAGE_MESSAGES = {
  UNAVAILABLE: 'The service cannot reach its database or job queue just now: try again shortly',
  TIMEOUT: 'The request ran past its time budget and nothing it would have changed was written: ask for less (smaller pages, fewer nested lists), or try again',
} as const;

function isClientStatus(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** The error that started it all: resolver errors, and scalar errors caught in validation, wrap it. */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const next = (current as { originalError?: unknown } | null)?.originalError;
    if (!next || next === current) break;
    current = next;
  }
  return current;
}
