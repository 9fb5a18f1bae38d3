import { loadConfig } from '../../src/config/config';

test('defaults give the embedded database, port 4000 and a 02:00 recompute', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ port: 4000, databaseUrl: undefined, redisUrl: undefined, slaRecomputeCron: '0 2 * * *', dueSoonWorkingDays: 3 });
  expect(config.dataDir.endsWith('.data')).toBe(true);
});

test('bad variables stop start-up, named, without their values', () => {
  const secret = 'short';
  let message = '';
  try {
    loadConfig({ PORT: 'eighty', ADMIN_API_KEY: secret, SLA_RECOMPUTE_CRON: 'at two', DUE_SOON_WORKING_DAYS: '-1' });
  } catch (err) {
    message = (err as Error).message;
  }
  for (const name of ['PORT', 'ADMIN_API_KEY', 'SLA_RECOMPUTE_CRON', 'DUE_SOON_WORKING_DAYS']) expect(message).toContain(`${name} is invalid`);
  expect(message).not.toContain(secret);
  expect(message).not.toContain('eighty');
});
