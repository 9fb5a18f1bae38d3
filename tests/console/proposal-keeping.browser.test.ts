import { accessibilityViolations, signIn, consoleOnApril2021 } from '../support/browser';

// SECAS keeps a proposal from its page: facts, phase, assessments, decisions, work packages; the
// DCC corrects its own assessments there. What the page shows after each change is what the API says.

const c = consoleOnApril2021();

const fmt = (day: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
  .format(new Date(`${day}T00:00:00Z`)).replace(',', '').replace(' Sept ', ' Sep ');

async function ia(reference: string) {
  const r = await c.app.gql(`query($r: String!) { modification(reference: $r) { assessments { type acceptedOn targetCompletionOn } } }`, { r: reference });
  return r.data!.modification.assessments.find((a: { type: string }) => a.type === 'IMPACT');
}

test("a SECAS admin corrects MP107's IA acceptance and sees its target move; an impossible day is refused in the API's words and changes nothing", async () => {
  const before = await ia('MP107');
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/proposals/MP107?asOf=2021-04-09');
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'IA' }) });
  await row.getByRole('cell', { name: fmt(before.targetCompletionOn) }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);

  // A day after today is no fact: refused, the form keeps what was typed, the register is as it was.
  await page.getByRole('button', { name: 'Correct MP107 IA' }).click();
  const form = page.getByRole('form', { name: 'Correct MP107 IA' });
  await form.getByLabel('Accepted on').fill('2099-01-04');
  expect(await accessibilityViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Save the correction' }).click();
  expect(await form.getByRole('alert').textContent()).toMatch(/today/i);
  expect(await ia('MP107')).toEqual(before);

  await form.getByLabel('Accepted on').fill('2020-12-08');
  await form.getByRole('button', { name: 'Save the correction' }).click();
  await page.getByRole('status').filter({ hasText: 'Corrected' }).waitFor();
  const after = await ia('MP107');
  expect(after.acceptedOn).toBe('2020-12-08');
  expect(after.targetCompletionOn > before.targetCompletionOn).toBe(true);
  await row.getByRole('cell', { name: fmt(after.targetCompletionOn), exact: true }).waitFor();
  await row.getByRole('cell', { name: 'Tue 8 Dec 2020', exact: true }).waitFor();
  // The audit trail on the same page names the correction.
  await page.getByRole('cell', { name: 'mutation CorrectAssessment' }).first().waitFor();
  await page.close();
});

test('a SECAS admin corrects the title, puts the proposal on hold, records a decision and plans a work package, each seen on the page', async () => {
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/proposals/MP140');
  await page.getByRole('heading', { level: 1, name: /^MP140: / }).waitFor();

  await page.getByRole('button', { name: "Correct MP140's facts" }).click();
  const facts = page.getByRole('form', { name: "Correct MP140's facts" });
  await facts.getByLabel('Title').fill('A corrected title <b>kept as text</b>');
  await facts.getByLabel('On hold', { exact: true }).check();
  await facts.getByLabel('Why it is on hold').fill('Awaiting the Authority');
  await facts.getByRole('button', { name: 'Save the facts' }).click();
  await page.getByRole('heading', { level: 1, name: 'MP140: A corrected title <b>kept as text</b>' }).waitFor();
  await page.getByText('Yes: Awaiting the Authority').waitFor();

  await page.getByRole('button', { name: 'Record a decision on MP140' }).click();
  const decision = page.getByRole('form', { name: 'Record a decision on MP140' });
  await decision.getByLabel('Who decided').selectOption('PANEL');
  await decision.getByLabel('On', { exact: true }).fill('2021-04-08');
  await decision.getByLabel('Outcome').fill('Approved');
  await decision.getByRole('button', { name: 'Record the decision' }).click();
  await page.getByRole('status').filter({ hasText: 'Recorded' }).or(decision.getByRole('alert')).waitFor();
  expect(await decision.getByRole('alert').count() ? await decision.getByRole('alert').textContent() : null).toBeNull();
  await page.getByRole('listitem').filter({ hasText: 'Thu 8 Apr 2021: Panel, Approved' }).waitFor();

  await page.getByRole('button', { name: 'Plan a work package for MP140' }).click();
  const work = page.getByRole('form', { name: 'Plan a work package for MP140' });
  await work.getByLabel('Tasks, one a line').fill('Develop the solution\nIssue the Refinement Consultation');
  await work.getByLabel('Returns to the Panel in').fill('2021-07');
  await work.getByRole('button', { name: 'Plan it' }).click();
  await page.getByRole('region', { name: 'Work package returning in 2021-07' }).getByRole('listitem').filter({ hasText: 'Issue the Refinement Consultation' }).waitFor();

  const m = (await c.app.gql(`{ modification(reference: "MP140") { title onHold onHoldReason decisions { body on outcome } workPackages { tasks returnToPanelMonth } } }`)).data!.modification;
  expect(m).toMatchObject({ title: 'A corrected title <b>kept as text</b>', onHold: true, onHoldReason: 'Awaiting the Authority' });
  expect(m.decisions).toContainEqual({ body: 'PANEL', on: '2021-04-08', outcome: 'Approved' });
  expect(m.workPackages).toContainEqual({ tasks: ['Develop the solution', 'Issue the Refinement Consultation'], returnToPanelMonth: '2021-07' });
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.close();
});

test('the DCC corrects its own assessment on the proposal page, and keeps nothing else there', async () => {
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.DCC, '/proposals/MP125');
  await page.getByRole('heading', { level: 1, name: /^MP125: / }).waitFor();
  await page.getByRole('button', { name: /^Correct MP125 PA$/ }).waitFor();
  expect(await page.getByRole('heading', { name: 'Keep this proposal' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Correct MP125 PA' }).click();
  const form = page.getByRole('form', { name: 'Correct MP125 PA' });
  // SECAS records the request: its day and change request are not the DCC's to correct, so not offered.
  expect(await form.getByLabel('Change request').count()).toBe(0);
  expect(await form.getByLabel('Requested on').count()).toBe(0);
  await form.getByLabel('DCC commentary').fill('Started once the Service Providers answered');
  await form.getByRole('button', { name: 'Save the correction' }).click();
  await page.getByRole('cell', { name: 'Started once the Service Providers answered', exact: true }).waitFor();
  // Striking a record out is SECAS's.
  expect(await page.getByRole('button', { name: /^Strike out/ }).count()).toBe(0);
  await page.close();
});
