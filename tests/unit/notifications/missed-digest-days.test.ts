import { STANDARD_CALENDAR } from '../../../src/calendar/working-calendar';
import { dueDigestDays } from '../../../src/notifications/missed-digest-days';

const base = { cron: '0 7 * * *', since: new Date('2021-01-01T00:00:00Z'), graceMs: 15 * 60_000, workingDays: 3, calendar: STANDARD_CALENDAR };

test('the last three Working Days whose 07:00 (London) firing is past its grace, newest first', () => {
  // Tuesday 13 April 2021, 10:30 in London (BST): the 13th fired at 07:00, the weekend fired for nothing.
  expect(dueDigestDays({ ...base, now: new Date('2021-04-13T09:30:00Z') })).toEqual(['2021-04-13', '2021-04-12', '2021-04-09']);
  // 07:10 on the 13th: the morning's own firing still has its grace; Easter Monday (5 April) is no Working Day.
  expect(dueDigestDays({ ...base, now: new Date('2021-04-13T06:10:00Z') })).toEqual(['2021-04-12', '2021-04-09', '2021-04-08']);
  expect(dueDigestDays({ ...base, now: new Date('2021-04-07T09:00:00Z') })).toEqual(['2021-04-07', '2021-04-06', '2021-04-01']);
});

test('no firing before the schedule was registered counts; a day is counted once however often the schedule fires', () => {
  expect(dueDigestDays({ ...base, now: new Date('2021-04-13T09:30:00Z'), since: new Date('2021-04-12T12:00:00Z') })).toEqual(['2021-04-13']);
  expect(dueDigestDays({ ...base, now: new Date('2021-04-13T09:30:00Z'), since: new Date('2021-04-13T09:00:00Z') })).toEqual([]);
  expect(dueDigestDays({ ...base, cron: '0 * * * *', now: new Date('2021-04-13T09:30:00Z') })).toEqual(['2021-04-13', '2021-04-12', '2021-04-09']);
  // In winter (GMT) 07:00 in London is 07:00 UTC.
  expect(dueDigestDays({ ...base, now: new Date('2021-01-12T07:10:00Z') })).toEqual(['2021-01-11', '2021-01-08', '2021-01-07']);
});
