import { STANDARD_CALENDAR } from '../../../src/calendar/working-calendar';
import { buildDigest, type DigestFacts } from '../../../src/notifications/digest';
import { ALL_SECTIONS } from '../../../src/notifications/digest-section';
import { renderDigest } from '../../../src/notifications/templates/render-digest';

const hostile = '<script>alert("x")</script> & <b>bold</b>';
const facts: DigestFacts = {
  assessments: [{
    id: '1', reference: 'MP141', title: hostile, type: 'PRELIMINARY', changeRequest: 'CR<1>', expectedCompletionOn: null,
    commentary: `Commentary with ${hostile}`, acceptedOn: '2021-03-09', returnedOn: null, targetWorkingDays: 15, pauses: [],
  }],
  transitions: [],
  consultations: [
    { reference: 'MP104', title: null, kind: 'REFINEMENT', opensOn: '2021-04-12', closesOn: null },
    { reference: 'MP105', title: null, kind: 'REFINEMENT', opensOn: '2021-04-14', closesOn: null },
    { reference: 'MP106', title: null, kind: 'MODIFICATION_REPORT', opensOn: '2021-03-01', closesOn: '2021-04-09' },
  ],
  workingGroups: [],
  refining: [],
};

test('every value from the register is escaped in the HTML part, and kept as written in the text part', async () => {
  const digest = buildDigest(facts, { group: 'DCC & friends', day: '2021-04-09', since: '2021-04-08', afterTransitionId: null, sections: ALL_SECTIONS, calendar: STANDARD_CALENDAR, dueSoonWorkingDays: 3 });
  const message = await renderDigest(digest);
  expect(message.html).not.toContain('<script>');
  expect(message.html).not.toContain('<b>bold</b>');
  expect(message.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
  expect(message.html).toContain('CR&lt;1&gt;');
  expect(message.html).toContain('DCC &amp; friends');
  expect(message.text).toContain(`- MP141 ${hostile}`);
});

test('the subject says what needs doing: counts, and when consultations open or close, as a person says it', async () => {
  const digest = buildDigest(facts, { group: 'DCC', day: '2021-04-09', since: '2021-04-08', afterTransitionId: null, sections: ALL_SECTIONS, calendar: STANDARD_CALENDAR, dueSoonWorkingDays: 3 });
  expect((await renderDigest(digest)).subject).toBe('1 overdue assessment, 2 consultations open (1 on Monday, 1 on Wednesday), 1 consultation closes today');
});

test('consultations opening on different days are each counted on their own day, never all "from" the first', async () => {
  // Monday 12 April 2021: MP104's opens that day; MP099's and MP144's on the 19th.
  const april: DigestFacts = {
    ...facts, assessments: [],
    consultations: [
      { reference: 'MP104', title: null, kind: 'REFINEMENT', opensOn: '2021-04-12', closesOn: null },
      { reference: 'MP099', title: null, kind: 'MODIFICATION_REPORT', opensOn: '2021-04-19', closesOn: null },
      { reference: 'MP144', title: null, kind: 'MODIFICATION_REPORT', opensOn: '2021-04-19', closesOn: null },
    ],
  };
  const digest = buildDigest(april, { group: 'SECAS', day: '2021-04-12', since: '2021-04-09', afterTransitionId: null, sections: ALL_SECTIONS, calendar: STANDARD_CALENDAR, dueSoonWorkingDays: 3 });
  expect((await renderDigest(digest)).subject).toBe('3 consultations open (1 today, 2 on 19 April)');
});
