/**
 * The years the service accepts dates in. The register's dates are modern; the bound keeps every
 * derived date (a target 40 Working Days on, a 12-month window back) inside what PostgreSQL, the
 * SQL calendar table and the rule-based holidays all handle, so that no input can reach an
 * internal error.
 */
export const FIRST_SUPPORTED_YEAR = 1900;
export const LAST_SUPPORTED_YEAR = 2199;

export function isSupportedYear(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year >= FIRST_SUPPORTED_YEAR && year <= LAST_SUPPORTED_YEAR;
}
