const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Row ids are UUIDs: anything else cannot name a row, and must not reach PostgreSQL's uuid cast. */
export function isId(value: string): boolean {
  return UUID.test(value);
}
