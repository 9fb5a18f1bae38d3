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

test('mail: no SMTP_URL means the dev mailbox; the digest fires at 07:00; the groups start with addresses that land there', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ smtpUrl: undefined, digestCron: '0 7 * * *', notifyDcc: ['dcc@sec-tracker.localhost'], notifySecas: ['secas@sec-tracker.localhost'] });
  expect(loadConfig({ NOTIFY_DCC: ' ops@dcc.test, change@dcc.test ,' }).notifyDcc).toEqual(['ops@dcc.test', 'change@dcc.test']);
});

test('a recipient list with something that is not an address stops start-up, naming the variable and the entry, not the value', () => {
  expect(() => loadConfig({ NOTIFY_SECAS: 'secas@secas.test,private-list' })).toThrow('NOTIFY_SECAS is invalid: entry 2 is not an email address');
  expect(() => loadConfig({ NOTIFY_SECAS: 'secas@secas.test,private-list' })).not.toThrow(/private-list/);
  expect(() => loadConfig({ DIGEST_CRON: 'at seven' })).toThrow('DIGEST_CRON is invalid');
});

test('METRICS_TOKEN: unset or empty (compose passes ${METRICS_TOKEN:-}) means none; a short one stops start-up without its value', () => {
  expect(loadConfig({}).metricsToken).toBeUndefined();
  expect(loadConfig({ METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
  expect(loadConfig({ METRICS_TOKEN: 'a-scrape-token-of-32-characters!' }).metricsToken).toBe('a-scrape-token-of-32-characters!');
  expect(() => loadConfig({ METRICS_TOKEN: 'tiny-secret' })).toThrow('METRICS_TOKEN is invalid: must be at least 16 characters');
  expect(() => loadConfig({ METRICS_TOKEN: 'tiny-secret' })).not.toThrow(/tiny-secret/);
});

test('TRUST_PROXY: none by default; true, a hop count, or addresses; anything else stops start-up', () => {
  expect(loadConfig({}).trustProxy).toBe(false);
  expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
  expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  expect(() => loadConfig({ TRUST_PROXY: 'everyone!' })).toThrow('TRUST_PROXY is invalid');
});

test('mail in doubt: the worker waits 11 minutes for an answer and resends a doubted message after 240; both are settings, negative ones refused', () => {
  const defaults = loadConfig({});
  expect([defaults.smtpAnswerTimeoutMs, defaults.mailInDoubtResendMinutes]).toEqual([660_000, 240]);
  expect(loadConfig({ MAIL_IN_DOUBT_RESEND_MINUTES: '0', SMTP_ANSWER_TIMEOUT_MS: '30000' })).toMatchObject({ mailInDoubtResendMinutes: 0, smtpAnswerTimeoutMs: 30_000 });
  expect(() => loadConfig({ MAIL_IN_DOUBT_RESEND_MINUTES: '-5' })).toThrow(/MAIL_IN_DOUBT_RESEND_MINUTES is invalid/);
  expect(() => loadConfig({ SMTP_ANSWER_TIMEOUT_MS: '0' })).toThrow(/SMTP_ANSWER_TIMEOUT_MS is invalid/);
});
