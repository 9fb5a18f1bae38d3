import { GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { isLocalDate, type LocalDate } from '../calendar/local-date';
import { InvalidInputError } from '../common/errors';

/**
 * The years a client may name. The register's dates are modern; the bound keeps every derived
 * date (a target 40 Working Days on, a 12-month window back) inside what PostgreSQL and the
 * calendar handle, so that no input can reach an internal error.
 */
export const FIRST_SUPPORTED_YEAR = 1900;
export const LAST_SUPPORTED_YEAR = 2199;

function checkLocalDate(value: unknown): LocalDate {
  if (typeof value !== 'string' || !isLocalDate(value)) {
    throw new InvalidInputError(
      `${JSON.stringify(value)} is not a date: expected a real calendar date as YYYY-MM-DD, e.g. 2021-04-09`,
    );
  }
  return value;
}

function parseLocalDate(value: unknown): LocalDate {
  const date = checkLocalDate(value);
  const year = Number(date.slice(0, 4));
  if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new InvalidInputError(`${date} is outside the dates the register handles (${FIRST_SUPPORTED_YEAR} to ${LAST_SUPPORTED_YEAR})`);
  }
  return date;
}

/** A calendar date with no time and no zone; kept as its ISO string throughout the service. */
export const LocalDateScalar = new GraphQLScalarType<LocalDate, string>({
  name: 'LocalDate',
  description: 'ISO-8601 calendar date, e.g. 2021-04-09.',
  serialize: (value) => checkLocalDate(value),
  parseValue: (value) => parseLocalDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new InvalidInputError('A LocalDate is written as a string, e.g. "2021-04-09"');
    }
    return parseLocalDate(ast.value);
  },
});

/** An instant; named DateTime as in the contract. */
export const DateTimeScalar = DateTimeResolver;
