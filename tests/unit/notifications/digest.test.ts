import { STANDARD_CALENDAR } from '../../../src/calendar/working-calendar';
import { buildDigest, type DigestAssessmentFacts, type DigestFacts, isEmptyDigest } from '../../../src/notifications/digest';
import { ALL_SECTIONS, DEFAULT_SECTIONS, DigestSection } from '../../../src/notifications/digest-section';

const NONE: DigestFacts = { assessments: [], transitions: [], consultations: [], workingGroups: [], refining: [] };

function assessment(id: string, facts: Partial<DigestAssessmentFacts>): DigestAssessmentFacts {
  return {
    id, reference: `MP${id}`, title: null, type: 'PRELIMINARY', changeRequest: null, expectedCompletionOn: null, commentary: null,
    acceptedOn: null, returnedOn: null, targetWorkingDays: 15, pauses: [], ...facts,
  };
}

const digest = (facts: Partial<DigestFacts>, day: string, since: string, sections = ALL_SECTIONS, afterTransitionId: string | null = null) =>
  buildDigest({ ...NONE, ...facts }, { group: 'SECAS', day, since, afterTransitionId, sections, calendar: STANDARD_CALENDAR, dueSoonWorkingDays: 3 });

describe('what changed', () => {
  const a = assessment('1', { acceptedOn: '2021-03-09' });
  test('a Monday digest covers the weekend: changes after Friday up to Monday, the latest per assessment', () => {
    const d = digest({
      assessments: [a],
      transitions: [
        { id: '1', assessmentId: '1', onDay: '2021-03-26', from: 'ON_TRACK', to: 'DUE_SOON' }, // Friday: the last digest's news
        { id: '2', assessmentId: '1', onDay: '2021-03-27', from: 'DUE_SOON', to: 'ON_TRACK' }, // not news
        { id: '3', assessmentId: '1', onDay: '2021-03-29', from: 'ON_TRACK', to: 'DUE_SOON' },
      ],
    }, '2021-03-29', '2021-03-26');
    expect(d.changes).toEqual([{ reference: 'MP1', title: null, type: 'PRELIMINARY', changeRequest: null, change: 'NEWLY_DUE_SOON', on: '2021-03-29' }]);
  });

  test('a recompute run after the morning digest (an admin, a new holiday): its news comes in the next digest', () => {
    // Tuesday's digest reported up to transition 10; at 10:00 a recompute stamped transition 11 with Tuesday.
    const transitions = [
      { id: '10', assessmentId: '1', onDay: '2021-03-30', from: 'ON_TRACK' as const, to: 'DUE_SOON' as const },
      { id: '11', assessmentId: '1', onDay: '2021-03-30', from: 'DUE_SOON' as const, to: 'OVERDUE' as const },
    ];
    const wednesday = digest({ assessments: [a], transitions }, '2021-03-31', '2021-03-30', [DigestSection.CHANGES], '10');
    expect(wednesday.changes.map((c) => [c.change, c.on])).toEqual([['NEWLY_OVERDUE', '2021-03-30']]);
    expect(digest({ assessments: [a], transitions }, '2021-03-31', '2021-03-30', [DigestSection.CHANGES], '11').changes).toEqual([]);
  });

  test("an assessment's first stored status (an import, a new install) is not news", () => {
    const d = digest({ assessments: [a], transitions: [{ id: '4', assessmentId: '1', onDay: '2021-04-09', from: null, to: 'OVERDUE' }] }, '2021-04-09', '2021-04-08', [DigestSection.CHANGES]);
    expect(d.changes).toEqual([]);
    expect(isEmptyDigest(d)).toBe(true);
  });

  test('returned, on time or late', () => {
    const d = digest({
      assessments: [a, assessment('2', { type: 'IMPACT', acceptedOn: '2020-12-01', returnedOn: '2021-04-09' })],
      transitions: [{ id: '5', assessmentId: '2', onDay: '2021-04-09', from: 'OVERDUE', to: 'COMPLETED_LATE' }],
    }, '2021-04-09', '2021-04-08', [DigestSection.CHANGES]);
    expect(d.changes.map((c) => [c.reference, c.type, c.change])).toEqual([['MP2', 'IMPACT', 'RETURNED_LATE']]);
  });
});

test('overdue ones first, most over first, then due soon, least left first; on track, paused and returned ones not at all', () => {
  // 9 March 2021 + 15 Working Days = 30 March; on 9 April: 6 over.
  const d = digest({
    assessments: [
      assessment('1', { acceptedOn: '2021-03-09' }),
      assessment('2', { acceptedOn: '2021-02-04' }),
      assessment('3', { acceptedOn: '2021-03-22' }), // target 14 April (Easter): 3 left on 9 April
      assessment('4', { acceptedOn: '2021-04-01' }), // on track
      assessment('5', { acceptedOn: '2021-02-04', pauses: [{ from: '2021-03-01', to: null }] }), // paused
      assessment('6', { acceptedOn: null }), // awaiting acceptance
    ],
  }, '2021-04-09', '2021-04-08', [DigestSection.ASSESSMENTS]);
  expect(d.assessments.map((l) => [l.reference, l.status, l.targetOn, l.workingDaysOver, l.workingDaysLeft])).toEqual([
    ['MP2', 'OVERDUE', '2021-02-25', 29, 0],
    ['MP1', 'OVERDUE', '2021-03-30', 6, 0],
    ['MP3', 'DUE_SOON', '2021-04-14', 0, 3],
  ]);
});

test('consultations that open within the next 5 Working Days (from today) or close within the next 3', () => {
  const consultations = [
    { reference: 'MP104', title: null, kind: 'REFINEMENT', opensOn: '2021-04-12', closesOn: '2021-05-07' },
    { reference: 'MP099', title: null, kind: 'MODIFICATION_REPORT', opensOn: '2021-04-16', closesOn: null }, // 5th Working Day
    { reference: 'MP144', title: null, kind: 'MODIFICATION_REPORT', opensOn: '2021-04-19', closesOn: null }, // 6th: not yet
    { reference: 'MP050', title: null, kind: 'REFINEMENT', opensOn: '2021-03-19', closesOn: '2021-04-14' }, // 3rd Working Day
    { reference: 'MP051', title: null, kind: 'REFINEMENT', opensOn: '2021-03-19', closesOn: '2021-04-15' }, // 4th: not yet
    { reference: 'MP052', title: null, kind: 'REFINEMENT', opensOn: '2021-03-19', closesOn: '2021-04-08' }, // closed yesterday
  ];
  const d = digest({ consultations }, '2021-04-09', '2021-04-08', [DigestSection.CONSULTATIONS]);
  expect(d.consultations.map((c) => [c.reference, c.event, c.on])).toEqual([
    ['MP104', 'OPENS', '2021-04-12'],
    ['MP050', 'CLOSES', '2021-04-14'],
    ['MP099', 'OPENS', '2021-04-16'],
  ]);
});

test('Working Group agenda (10 Working Days before) and papers (5 before) deadlines within the next 3 Working Days', () => {
  // The 5 May 2021 Working Group: agenda by 20 April (3 May is a bank holiday), papers by 27 April.
  const workingGroups = [{ date: '2021-05-05', agenda: ['MP104', 'MP141'] }];
  expect(digest({ workingGroups }, '2021-04-15', '2021-04-14', [DigestSection.MEETING_DEADLINES]).deadlines).toEqual([
    { meetingOn: '2021-05-05', agenda: ['MP104', 'MP141'], deadline: 'AGENDA', on: '2021-04-20' },
  ]);
  expect(digest({ workingGroups }, '2021-04-14', '2021-04-13', [DigestSection.MEETING_DEADLINES]).deadlines).toEqual([]);
  expect(digest({ workingGroups }, '2021-04-22', '2021-04-21', [DigestSection.MEETING_DEADLINES]).deadlines.map((l) => l.deadline)).toEqual(['PAPERS']);
});

test("the 'black hole': packages past their return month first, then proposals in REFINE with no open package", () => {
  const refining = [
    { reference: 'MP002', title: 'No package', workPackages: [] },
    { reference: 'MP001', title: 'Done, none open', workPackages: [{ returnToPanelMonth: '2021-01', completedOn: '2021-01-20' }] },
    { reference: 'MP003', title: 'Late', workPackages: [{ returnToPanelMonth: '2021-03', completedOn: null }] },
    { reference: 'MP004', title: 'Due this month', workPackages: [{ returnToPanelMonth: '2021-04', completedOn: null }] },
  ];
  expect(digest({ refining }, '2021-04-09', '2021-04-08', [DigestSection.REFINEMENT]).refinement).toEqual([
    { reference: 'MP003', title: 'Late', problem: 'PAST_RETURN_MONTH', returnToPanelMonth: '2021-03' },
    { reference: 'MP001', title: 'Done, none open', problem: 'NO_OPEN_WORK_PACKAGE', returnToPanelMonth: null },
    { reference: 'MP002', title: 'No package', problem: 'NO_OPEN_WORK_PACKAGE', returnToPanelMonth: null },
  ]);
});

test("a group gets only its sections: the DCC's defaults leave out SECAS's deadlines and refinement", () => {
  const facts = { workingGroups: [{ date: '2021-05-05', agenda: [] }], refining: [{ reference: 'MP002', title: null, workPackages: [] }] };
  expect(isEmptyDigest(digest(facts, '2021-04-15', '2021-04-14', DEFAULT_SECTIONS.DCC))).toBe(true);
  expect(isEmptyDigest(digest(facts, '2021-04-15', '2021-04-14', DEFAULT_SECTIONS.SECAS))).toBe(false);
});
