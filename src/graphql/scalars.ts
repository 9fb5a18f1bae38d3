import { GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { isLocalDate, type LocalDate } from '../calendar/local-date';
import { FIRST_SUPPORTED_YEAR, isSupportedYear, LAST_SUPPORTED_YEAR } from '../calendar/supported-range';
import { InvalidInputError } from '../common/errors';


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
  if (!isSupportedYear(date)) {
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

export { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR };
export { JSONObjectResolver as JSONObjectScalar } from 'graphql-scalars';
