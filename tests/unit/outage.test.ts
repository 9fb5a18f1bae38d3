import { outageKind } from '../../src/common/outage';
import { TimeBudgetExceeded } from '../../src/infra/database/time-budget';

/** Errors shaped as pg, TypeORM and ioredis raise them. */
const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

test('a database or queue that is away is UNAVAILABLE; a statement past its time is TIMEOUT', () => {
  expect(outageKind(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe('UNAVAILABLE');
  expect(outageKind(pgError('57P01', 'terminating connection due to administrator command'))).toBe('UNAVAILABLE');
  expect(outageKind(pgError('08006', 'connection failure'))).toBe('UNAVAILABLE');
  expect(outageKind(new Error('Connection terminated unexpectedly'))).toBe('UNAVAILABLE');
  expect(outageKind(Object.assign(new Error('Reached the max retries per request limit (which is 20).'), { name: 'MaxRetriesPerRequestError' }))).toBe('UNAVAILABLE');
  // TypeORM's QueryFailedError carries the driver's error.
  expect(outageKind(Object.assign(new Error('QueryFailedError'), { driverError: pgError('57014', 'canceling statement due to statement timeout') }))).toBe('TIMEOUT');
  // A request whose REQUEST_TIMEOUT_MS is spent, refused before its next statement.
  expect(outageKind(new TimeBudgetExceeded(15_000))).toBe('TIMEOUT');
});

test('a bug or a refused constraint is neither', () => {
  expect(outageKind(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
  expect(outageKind(pgError('23505', 'duplicate key value violates unique constraint'))).toBeNull();
  expect(outageKind(undefined)).toBeNull();
});
