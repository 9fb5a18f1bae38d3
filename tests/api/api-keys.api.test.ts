import { Role } from '../../src/auth/role';
import { snapshot } from '../support/db-snapshot';
import { startTestApp, type TestApp } from '../support/test-app';

/** Issue 8, "keys cannot be stopped": made, listed, revoked and expired, and the env key rotated. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

const ping = (key: string | null, header?: string) =>
  fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(header ? { authorization: header } : key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: '{ isWorkingDay(date: "2021-04-09") }' }),
  }).then((r) => r.json() as Promise<any>);
const works = async (key: string) => (await ping(key)).data?.isWorkingDay === true;
const KEY_FIELDS = 'id name role source createdAt expiresAt lastUsedAt revokedAt';

test('an admin makes a key (its secret shown once), lists keys with their last use, and revokes one: refused at once', async () => {
  const created = await app.gql(`mutation { createApiKey(name: "Panel app", role: READER) { key apiKey { ${KEY_FIELDS} } } }`);
  expect(created.errors).toBeUndefined();
  const { key, apiKey } = created.data!.createApiKey;
  expect(key).toMatch(/^sec_[A-Za-z0-9_-]{32}$/);
  expect(apiKey).toMatchObject({ name: 'Panel app', role: 'READER', source: 'API', expiresAt: null, lastUsedAt: null, revokedAt: null });
  expect(await works(key)).toBe(true);

  const listed = (await app.gql(`{ apiKeys { ${KEY_FIELDS} } }`)).data!.apiKeys;
  const mine = listed.find((k: { id: string }) => k.id === apiKey.id);
  expect(mine.lastUsedAt).not.toBeNull();
  expect(JSON.stringify(listed)).not.toContain(key);

  const revoked = await app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: apiKey.id });
  expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();
  expect((await ping(key)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
});

test('a key past its expiry is refused', async () => {
  const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
  const created = (await app.gql(`mutation($at: DateTime) { createApiKey(name: "Contractor", role: DCC, expiresAt: $at) { key apiKey { id expiresAt } } }`, { at: expiresAt })).data!.createApiKey;
  expect(created.apiKey.expiresAt).toBe(expiresAt);
  expect(await works(created.key)).toBe(true);
  // The hour passes.
  await app.db.query(`UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.apiKey.id]);
  expect((await ping(created.key)).errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('revoked or expired') });
});

test('bad key requests are refused with BAD_USER_INPUT or NOT_FOUND, and change nothing; only an admin may ask', async () => {
  const before = await snapshot(app.db);
  const past = await app.gql(`mutation { createApiKey(name: "Old", role: READER, expiresAt: "2020-01-01T00:00:00Z") { key } }`);
  expect(past.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('expiresAt must be in the future') });
  expect((await app.gql(`mutation { createApiKey(name: "  ", role: READER) { key } }`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect((await app.gql(`mutation { revokeApiKey(id: "6f1c7c8e-8d7e-4a4b-9a53-0d2c4a1f0b11") { id } }`)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  expect((await app.gql(`mutation { revokeApiKey(id: "nope") { id } }`)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  expect((await app.gql(`{ apiKeys { id } }`, undefined, app.keys.READER)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await app.gql(`mutation { createApiKey(name: "x", role: ADMIN) { key } }`, undefined, app.keys.DCC)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(await snapshot(app.db)).toEqual(before);
});

test('only "Authorization: Bearer <key>" is read: a bare key or another scheme is told how to send it', async () => {
  expect(await works(app.keys.READER)).toBe(true);
  for (const header of [app.keys.READER, `Basic ${app.keys.READER}`, `Token ${app.keys.READER}`]) {
    const refused = await ping(null, header);
    expect(refused.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('"Authorization: Bearer <key>"') });
  }
});

test('ADMIN_API_KEY: a new value revokes the key of the old one; a key an admin revoked stays revoked at every start', async () => {
  const first = 'env-admin-key-first-value';
  const second = 'env-admin-key-second-value';
  expect(await app.services.apiKeys.ensureAdminKey(first)).toEqual({ key: 'created', previousRevoked: 0 });
  expect(await works(first)).toBe(true);
  // A restart with the same value changes nothing.
  expect(await app.services.apiKeys.ensureAdminKey(first)).toEqual({ key: 'kept', previousRevoked: 0 });
  // The operator rotates it.
  expect(await app.services.apiKeys.ensureAdminKey(second)).toEqual({ key: 'created', previousRevoked: 1 });
  expect(await works(first)).toBe(false);
  expect(await works(second)).toBe(true);
  // An admin revokes it (it leaked); the next start does not revive it.
  const envKey = (await app.gql(`{ apiKeys { id source revokedAt } }`)).data!.apiKeys.find((k: { source: string; revokedAt: string | null }) => k.source === 'ENV' && !k.revokedAt);
  await app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: envKey.id });
  expect(await app.services.apiKeys.ensureAdminKey(second)).toEqual({ key: 'revoked-stays-revoked', previousRevoked: 0 });
  expect(await works(second)).toBe(false);
  expect(Role.ADMIN).toBe('ADMIN');
});
