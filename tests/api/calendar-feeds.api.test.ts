import path from 'node:path';
import ical, { type VEvent } from 'node-ical';
import { importRegisterFile } from '../../src/register-import';
import { testServiceContext } from '../support/service-context';
import { capturedLog } from '../support/captured-log';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 10, item 3: calendar feeds. Read back with node-ical, as a calendar client reads them, from
 * the April 2021 register (the test app's today is 9 April 2021).
 */
let app: TestApp;
const { logger, raw: rawLog } = capturedLog();

beforeAll(async () => {
  app = await startTestApp({ logger });
  await importRegisterFile(testServiceContext(app.db), path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json'));
});
afterAll(async () => {
  await app?.stop();
});

async function createFeed(key: string, name = 'Panel calendar'): Promise<{ id: string; url: string }> {
  const made = await app.gql('mutation($name: String!) { createCalendarFeed(name: $name) { url feed { id name revokedAt } } }', { name }, key);
  expect(made.errors).toBeUndefined();
  return { id: made.data!.createCalendarFeed.feed.id, url: made.data!.createCalendarFeed.url };
}

async function eventsOf(url: string): Promise<VEvent[]> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  return Object.values(ical.sync.parseICS(await response.text())).filter((c): c is VEvent => c?.type === 'VEVENT');
}

/** An all-day event's day as the calendar shows it (node-ical gives local midnight, marked dateOnly). */
const dayOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const textOf = (v: unknown) => (typeof v === 'string' ? v : String((v as { val?: unknown })?.val ?? ''));
const find = (events: VEvent[], summary: string) => events.filter((e) => textOf(e.summary) === summary);

test('any key makes a feed whose URL a calendar subscribes to: the April 2021 Panel, the 5 May Working Group with its deadlines, MP141\'s target', async () => {
  const { url } = await createFeed(app.keys.READER);
  expect(url).toMatch(/^http:\/\/localhost:\d+\/calendar\/cal_[A-Za-z0-9_-]{32}\.ics$/);
  const events = await eventsOf(url);

  const [panel] = find(events, 'SEC Panel');
  expect(panel).toBeDefined();
  expect(panel!.datetype).toBe('date');
  expect(dayOf(panel!.start)).toBe('2021-04-16');
  expect(dayOf(panel!.end!)).toBe('2021-04-17');
  for (const reference of ['MP099', 'MP144', 'DP153']) expect(textOf(panel!.description)).toContain(reference);

  const [group] = find(events, 'SEC Working Group').filter((e) => dayOf(e.start) === '2021-05-05');
  expect(group).toBeDefined();
  expect(textOf(group!.description)).toContain('Agenda not yet known.');
  // 10 and 5 Working Days before 5 May 2021, counting back over the Early May bank holiday (3 May).
  const [agendaDeadline] = find(events, 'Agenda deadline: Working Group, Wednesday 5 May 2021');
  const [papersDeadline] = find(events, 'Papers deadline: Working Group, Wednesday 5 May 2021');
  expect(dayOf(agendaDeadline!.start)).toBe('2021-04-20');
  expect(dayOf(papersDeadline!.start)).toBe('2021-04-27');
  const api = await app.gql('{ meetings(from: "2021-05-05", to: "2021-05-05") { body agendaDeadline papersDeadline } }');
  expect(api.data!.meetings).toEqual([{ body: 'WORKING_GROUP', agendaDeadline: '2021-04-20', papersDeadline: '2021-04-27' }]);

  const [target] = find(events, 'MP141 Preliminary Assessment target');
  expect(dayOf(target!.start)).toBe('2021-03-30');
  expect(textOf(target!.description)).toContain('CR4242');

  const [consultation] = find(events, 'MP099 Modification Report Consultation opens');
  expect(dayOf(consultation!.start)).toBe('2021-04-19');

  // A proposal whose title the register does not know is named by its reference alone.
  expect(events.filter((e) => /\bnull\b|undefined/.test(textOf(e.description)))).toEqual([]);
  // Every event has a UID of its own.
  expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
});

test('a changed meeting keeps its UID and raises its SEQUENCE, so a calendar moves the event instead of adding one', async () => {
  const { url } = await createFeed(app.keys.ADMIN);
  const before = find(await eventsOf(url), 'SEC Working Group').find((e) => dayOf(e.start) === '2021-05-05')!;
  const [meeting] = (await app.gql('{ meetings(from: "2021-05-05", to: "2021-05-05") { id } }')).data!.meetings;
  const changed = await app.gql('mutation($id: ID!) { setAgenda(meetingId: $id, references: ["MP104"]) { version } }', { id: meeting.id });
  expect(changed.errors).toBeUndefined();

  const after = (await eventsOf(url)).filter((e) => e.uid === before.uid);
  expect(after).toHaveLength(1);
  expect(Number(after[0]!.sequence)).toBeGreaterThan(Number(before.sequence));
  expect(textOf(after[0]!.description)).toContain('MP104');
  // The same feed read twice: the same events, by UID.
  const uids = async () => (await eventsOf(url)).map((e) => e.uid).sort();
  expect(await uids()).toEqual(await uids());
});

test('a revoked feed answers 410, as does a feed of a revoked key; an unknown one 404; the token never reaches the log', async () => {
  const { id, url } = await createFeed(app.keys.DCC, 'DCC planning');
  expect((await fetch(url)).status).toBe(200);
  // Another key's holder may not stop it; its own key may.
  const stranger = await app.gql('mutation($id: ID!) { revokeCalendarFeed(id: $id) { id } }', { id }, app.keys.READER);
  expect(stranger.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  expect((await fetch(url)).status).toBe(200);
  const revoked = await app.gql('mutation($id: ID!) { revokeCalendarFeed(id: $id) { revokedAt } }', { id }, app.keys.DCC);
  expect(revoked.data!.revokeCalendarFeed.revokedAt).not.toBeNull();
  const gone = await fetch(url);
  expect(gone.status).toBe(410);
  expect(await gone.text()).toContain('revoked');

  const made = await app.gql('mutation { createApiKey(name: "calendar owner", role: READER) { key apiKey { id } } }');
  const owned = await createFeed(made.data!.createApiKey.key);
  expect((await fetch(owned.url)).status).toBe(200);
  await app.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: made.data!.createApiKey.apiKey.id });
  expect((await fetch(owned.url)).status).toBe(410);

  expect((await fetch(url.replace(/cal_[^.]+/, 'cal_NoSuchFeedAtAllNoSuchFeedAtAll'))).status).toBe(404);
  expect((await fetch(url.replace(/cal_[^.]+\.ics/, 'nothing.txt'))).status).toBe(404);

  const token = /cal_[A-Za-z0-9_-]+/.exec(url)![0];
  // Spellings a router serves or a user types: none may put the token in the log.
  for (const variant of [url.replace('/calendar/', '/Calendar/'), `${url}/`, url.replace('.ics', '%2Eics'), url.replace('.ics', '')]) await fetch(variant);
  expect(rawLog.join('')).not.toContain(token);
  expect(rawLog.join('')).toContain('/calendar/(token)');
});

test('a key lists its own feeds (an admin everyone\'s), without their URLs; a bad name is refused and makes nothing', async () => {
  await createFeed(app.keys.READER, 'Reader feed for the list');
  await createFeed(app.keys.DCC, 'DCC feed for the list');
  const mine = await app.gql('{ calendarFeeds { id name createdAt revokedAt } }', undefined, app.keys.READER);
  expect(mine.data!.calendarFeeds.map((f: { name: string }) => f.name)).toContain('Reader feed for the list');
  expect(mine.data!.calendarFeeds.map((f: { name: string }) => f.name)).not.toContain('DCC feed for the list');
  const all = await app.gql('{ calendarFeeds { name } }');
  expect(all.data!.calendarFeeds.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['Reader feed for the list', 'DCC feed for the list']));
  expect(JSON.stringify(all.data)).not.toContain('cal_');

  const [{ n: before }] = await app.db.query('SELECT count(*)::int AS n FROM calendar_feed');
  const blank = await app.gql('mutation { createCalendarFeed(name: "   ") { url } }', undefined, app.keys.READER);
  expect(blank.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  const [{ n: after }] = await app.db.query('SELECT count(*)::int AS n FROM calendar_feed');
  expect(after).toBe(before);
  const anonymous = await app.gql('mutation { createCalendarFeed(name: "mine") { url } }', undefined, null);
  expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
});
