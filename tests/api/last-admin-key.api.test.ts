import { execFile } from 'node:child_process';
import { startTestApp, type TestApp } from '../support/test-app';

/** Nobody can lock everybody out: the last active ADMIN key is never revoked, by the API or the CLI. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

const revoke = (id: string, key = app.keys.ADMIN) => app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { name revokedAt } }`, { id }, key);
const adminKeyId = async (name: string) => (await app.db.query(`SELECT id FROM api_key WHERE name = $1`, [name]))[0].id as string;

test('revoking the last active ADMIN key is refused, naming the way out; with another ADMIN key it goes', async () => {
  const only = await adminKeyId('test ADMIN');
  const refused = await revoke(only);
  expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^This is the last active ADMIN key: .*Make another ADMIN key first/) });
  expect((await app.db.query(`SELECT revoked_at FROM api_key WHERE id = $1`, [only]))[0].revoked_at).toBeNull();
  expect((await app.gql(`{ apiKeys { name } }`)).errors).toBeUndefined();

  // An expired ADMIN key is no way in: it does not count.
  await app.db.query(`INSERT INTO api_key (name, role, key_hash, expires_at) VALUES ('expired admin', 'ADMIN', 'x', now() - interval '1 day')`);
  expect((await revoke(only)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

  const made = await app.gql(`mutation { createApiKey(name: "second admin", role: ADMIN) { key apiKey { id } } }`);
  const second = made.data!.createApiKey;
  const revoked = await revoke(only, second.key);
  expect(revoked.errors).toBeUndefined();
  expect(revoked.data!.revokeApiKey.revokedAt).toEqual(expect.any(String));
  // Now the second is the last one, and stays.
  expect((await revoke(second.apiKey.id, second.key)).errors?.[0].message).toMatch(/^This is the last active ADMIN key/);
  expect((await app.gql(`{ apiKeys { name } }`, undefined, second.key)).errors).toBeUndefined();
});

test('the CLI refuses it too', async () => {
  const [live] = await app.db.query(`SELECT id FROM api_key WHERE role = 'ADMIN' AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`);
  const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(process.execPath, ['-r', './tests/jobs/support/register-ts.js', 'src/cli/index.ts', 'revoke-api-key', live.id], {
      env: { PATH: process.env.PATH, DATABASE_URL: app.databaseUrl }, cwd: `${__dirname}/../..`,
    }, (err, _stdout, stderr) => resolve({ code: err ? (err as { code?: number }).code ?? 1 : 0, stderr }));
  });
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain('This is the last active ADMIN key');
  expect((await app.db.query(`SELECT revoked_at FROM api_key WHERE id = $1`, [live.id]))[0].revoked_at).toBeNull();
});
