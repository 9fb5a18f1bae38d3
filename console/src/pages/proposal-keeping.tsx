import { ActionForm, changedFields, type Field, linesOf } from '../action-form';
import { gql } from '../api';
import { words } from '../format';
import { graphql } from '../gql';
import type { AssessmentType, ConsultationKind, DecisionBody, DecisionPath, ModificationPhase, ProposalQuery } from '../gql/graphql';
import { navigate } from '../router';
import { StrikeOutForm } from '../strike-out';

type Proposal = NonNullable<ProposalQuery['modification']>;

const UpdateFacts = graphql(`mutation UpdateFacts($reference: String!, $input: UpdateModificationInput!) { updateModification(reference: $reference, input: $input) { version } }`);
const ChangePhase = graphql(`mutation ChangePhase($reference: String!, $phase: ModificationPhase!, $on: LocalDate!, $note: String) { changePhase(reference: $reference, phase: $phase, on: $on, note: $note) { phase } }`);
const Convert = graphql(`mutation Convert($reference: String!, $newReference: String!, $on: LocalDate) { convertDraftProposal(reference: $reference, newReference: $newReference, on: $on) { reference } }`);
const RequestAssessment = graphql(`mutation RequestAssessment($input: RequestAssessmentInput!) { requestAssessment(input: $input) { id } }`);
const CorrectAssessment = graphql(`mutation CorrectAssessment($id: ID!, $input: CorrectAssessmentInput!) { correctAssessment(id: $id, input: $input) { id } }`);
const RecordDecision = graphql(`mutation RecordDecision($input: DecisionInput!) { recordDecision(input: $input) { id } }`);
const CorrectDecision = graphql(`mutation CorrectDecision($id: ID!, $input: UpdateDecisionInput!) { updateDecision(id: $id, input: $input) { id } }`);
const OpenConsultation = graphql(`mutation OpenConsultation($input: ConsultationInput!) { openConsultation(input: $input) { id } }`);
const CorrectConsultation = graphql(`mutation CorrectConsultation($id: ID!, $input: UpdateConsultationInput!) { updateConsultation(id: $id, input: $input) { id } }`);
const PlanWork = graphql(`mutation PlanWork($input: WorkPackageInput!) { planWorkPackage(input: $input) { id } }`);
const CompleteWork = graphql(`mutation CompleteWork($id: ID!, $on: LocalDate!) { completeWorkPackage(id: $id, on: $on) { id } }`);

const PHASES: ModificationPhase[] = ['DEFINE', 'REFINE', 'OPINE', 'DECIDE', 'APPROVED', 'IMPLEMENTED', 'REJECTED', 'WITHDRAWN'];
const PATHS: DecisionPath[] = ['SELF_GOVERNANCE', 'AUTHORITY_DETERMINATION', 'FAST_TRACK', 'URGENT', 'AUTHORITY_LED'];
const BODIES: DecisionBody[] = ['PANEL', 'CHANGE_BOARD', 'CHANGE_SUB_COMMITTEE', 'AUTHORITY'];
const CONSULTATIONS: ConsultationKind[] = ['REFINEMENT', 'MODIFICATION_REPORT'];
const choices = (values: readonly string[]) => values.map((v) => [v, words(v)] as const);
const TYPE = { PRELIMINARY: 'PA', IMPACT: 'IA' } as const;

/** A number typed in a form, as the API takes it; what is not a number goes as it is, and the API says why it is refused. */
const numberOf = (value: string | boolean | null | undefined) => (value === null || value === undefined || value === '' ? null : Number(value));

/**
 * What SECAS may record about a proposal, each behind its own button: its facts (with the version
 * read, so a change made meanwhile is refused, not overwritten), its phase, a Draft Proposal's
 * conversion, and the records that hang from it. Each refusal is the API's.
 */
export function ProposalKeeping({ p, day, onDone }: { p: Proposal; day: string; onDone: () => void }) {
  const facts: Field[] = [
    { name: 'title', label: 'Title', value: p.title },
    { name: 'summary', label: 'What it is about', type: 'lines', value: p.summary },
    { name: 'proposer', label: 'Proposer', value: p.proposer },
    { name: 'proposerOrganisation', label: 'Proposer organisation', value: p.proposerOrganisation },
    { name: 'path', label: 'Path', type: 'select', options: choices(PATHS), value: p.path },
    { name: 'targetRelease', label: 'Target release', value: p.targetRelease?.name, help: 'A release by its name, e.g. June 2022 SEC Release' },
    { name: 'onHold', label: 'On hold', type: 'checkbox', value: p.onHold },
    { name: 'onHoldReason', label: 'Why it is on hold', value: p.onHoldReason },
    { name: 'dependsOn', label: 'Depends on', value: p.dependsOn.map((d) => d.reference).join('; '), help: 'References separated by ;' },
  ];
  const ref = p.reference;
  return (
    <section aria-labelledby="keeping">
      <h2 id="keeping">Keep this proposal</h2>
      <div class="keeping">
        <ActionForm id="facts" label={`Correct ${ref}'s facts`} confirm="Save the facts" fields={facts} onDone={onDone} submit={async (v) => {
          const changed = changedFields(facts, v);
          if ('dependsOn' in changed) changed.dependsOn = linesOf(changed.dependsOn) as never;
          await gql(UpdateFacts, { reference: ref, input: { ...changed, expectedVersion: p.version } });
          return 'Saved';
        }} />
        <ActionForm id="phase" label={`Move ${ref} to another phase`} confirm="Change the phase" onDone={onDone} fields={[
          { name: 'phase', label: 'Phase', type: 'select', options: choices(PHASES), value: p.phase, required: true },
          { name: 'on', label: 'On', type: 'date', value: day, required: true },
          { name: 'note', label: 'Note (optional)' },
        ]} submit={async (v) => {
          await gql(ChangePhase, { reference: ref, phase: v.phase as ModificationPhase, on: String(v.on), note: String(v.note) || null });
          return 'Phase changed';
        }} />
        {p.kind === 'DRAFT_PROPOSAL' && (
          <ActionForm id="convert" label={`Convert ${ref} to a Modification Proposal`} confirm="Convert" onDone={() => undefined} fields={[
            { name: 'newReference', label: 'Its Modification Proposal reference', required: true, help: 'e.g. MP157' },
            { name: 'on', label: 'On', type: 'date', value: day, required: true },
          ]} submit={async (v) => {
            const r = await gql(Convert, { reference: ref, newReference: String(v.newReference), on: String(v.on) });
            navigate(`/proposals/${encodeURIComponent(r.convertDraftProposal.reference)}`);
            return 'Converted';
          }} />
        )}
        <ActionForm id="request" label={`Request a DCC assessment of ${ref}`} confirm="Request it" onDone={onDone} fields={[
          { name: 'type', label: 'Assessment', type: 'select', options: [['PRELIMINARY', 'Preliminary Assessment (PA)'], ['IMPACT', 'Impact Assessment (IA)']], required: true },
          { name: 'requestedOn', label: 'Requested on', type: 'date', value: day, required: true },
          { name: 'changeRequest', label: 'DCC change request (optional)', help: 'e.g. CR1352' },
          { name: 'targetWorkingDays', label: 'Target Working Days (optional)', type: 'number', help: 'Blank: the SLA for its type' },
        ]} submit={async (v) => {
          await gql(RequestAssessment, { input: {
            modification: ref, type: v.type as AssessmentType, requestedOn: String(v.requestedOn),
            changeRequest: String(v.changeRequest) || null, targetWorkingDays: numberOf(v.targetWorkingDays),
          } });
          return 'Requested';
        }} />
        <ActionForm id="decision" label={`Record a decision on ${ref}`} confirm="Record the decision" onDone={onDone} fields={[
          { name: 'body', label: 'Who decided', type: 'select', options: choices(BODIES), required: true },
          { name: 'on', label: 'On', type: 'date', value: day, required: true },
          { name: 'outcome', label: 'Outcome', required: true, help: 'e.g. Approved, Rejected, Sent to the Authority' },
          { name: 'objectives', label: 'SEC Objectives cited (optional)', help: 'e.g. a; d (separated by ;)' },
          { name: 'note', label: 'Note (optional)' },
        ]} submit={async (v) => {
          await gql(RecordDecision, { input: {
            modification: ref, body: v.body as DecisionBody, on: String(v.on), outcome: String(v.outcome),
            objectives: linesOf(v.objectives), note: String(v.note) || null,
          } });
          return 'Recorded';
        }} />
        <ActionForm id="consultation" label={`Open a consultation on ${ref}`} confirm="Open it" onDone={onDone} fields={[
          { name: 'kind', label: 'Consultation', type: 'select', options: choices(CONSULTATIONS), required: true },
          { name: 'opensOn', label: 'Opens on', type: 'date', value: day, required: true },
          { name: 'closesOn', label: 'Closes on (optional)', type: 'date' },
          { name: 'note', label: 'Note (optional)' },
        ]} submit={async (v) => {
          await gql(OpenConsultation, { input: {
            modification: ref, kind: v.kind as ConsultationKind, opensOn: String(v.opensOn), closesOn: String(v.closesOn) || null, note: String(v.note) || null,
          } });
          return 'Opened';
        }} />
        <ActionForm id="work" label={`Plan a work package for ${ref}`} confirm="Plan it" onDone={onDone} fields={[
          { name: 'tasks', label: 'Tasks, one a line', type: 'lines', required: true },
          { name: 'returnToPanelMonth', label: 'Returns to the Panel in', type: 'month', required: true, help: 'YYYY-MM' },
          { name: 'note', label: 'Note (optional)' },
        ]} submit={async (v) => {
          await gql(PlanWork, { input: { modification: ref, tasks: linesOf(v.tasks), returnToPanelMonth: String(v.returnToPanelMonth), note: String(v.note) || null } });
          return 'Planned';
        }} />
        <StrikeOutForm id={p.id} kind="MODIFICATION" name={ref} onDone={() => navigate('/register')} />
      </div>
    </section>
  );
}

type AssessmentRow = Proposal['assessments'][number];

const DCC_CORRECTS = new Set(['acceptedOn', 'returnedOn', 'costGbp', 'commentary']);

/** An assessment's corrections (SECAS, and the DCC for its own): any recorded day or figure, or striking it out. */
export function AssessmentCorrections({ a, reference, secas, onDone }: { a: AssessmentRow; reference: string; secas: boolean; onDone: () => void }) {
  const name = `${reference} ${TYPE[a.type]}`;
  const all: Field[] = [
    { name: 'requestedOn', label: 'Requested on', type: 'date', value: a.requestedOn },
    { name: 'acceptedOn', label: 'Accepted on', type: 'date', value: a.acceptedOn },
    { name: 'returnedOn', label: 'Returned on', type: 'date', value: a.returnedOn },
    { name: 'changeRequest', label: 'Change request', value: a.changeRequest },
    { name: 'targetWorkingDays', label: 'Target Working Days', type: 'number', value: a.targetWorkingDays === null ? '' : String(a.targetWorkingDays) },
    { name: 'costGbp', label: 'Cost (GBP)', type: 'number', value: a.costGbp === null || a.costGbp === undefined ? '' : String(a.costGbp) },
    { name: 'commentary', label: 'DCC commentary', value: a.commentary },
  ];
  // The DCC corrects what it recorded; the request (its day, change request, target) is SECAS's.
  const fields = secas ? all : all.filter((f) => DCC_CORRECTS.has(f.name));
  return (
    <div class="actions">
      <ActionForm id={`correct-${a.id}`} label={`Correct ${name}`} confirm="Save the correction" fields={fields} onDone={onDone} submit={async (v) => {
        const changed = changedFields(fields, v);
        for (const n of ['targetWorkingDays', 'costGbp'] as const) if (n in changed) changed[n] = numberOf(changed[n]) as never;
        await gql(CorrectAssessment, { id: a.id, input: changed });
        return 'Corrected';
      }} />
      {secas && (
        <StrikeOutForm id={a.id} kind="ASSESSMENT" name={name} onDone={onDone} />
      )}
    </div>
  );
}

type DecisionRow = Proposal['decisions'][number];

export function DecisionCorrections({ d, reference, onDone }: { d: DecisionRow; reference: string; onDone: () => void }) {
  const fields: Field[] = [
    { name: 'body', label: 'Who decided', type: 'select', options: choices(BODIES), value: d.body, required: true },
    { name: 'on', label: 'On', type: 'date', value: d.on, required: true },
    { name: 'outcome', label: 'Outcome', value: d.outcome, required: true },
    { name: 'objectives', label: 'SEC Objectives cited', value: d.objectives.join('; ') },
    { name: 'note', label: 'Note', value: d.note },
  ];
  const name = `the ${words(d.body)} decision of ${d.on} on ${reference}`;
  return (
    <div class="actions">
      <ActionForm id={`decision-${d.id}`} label={`Correct ${name}`} confirm="Save the correction" fields={fields} onDone={onDone} submit={async (v) => {
        const changed = changedFields(fields, v);
        if ('objectives' in changed) changed.objectives = linesOf(changed.objectives) as never;
        await gql(CorrectDecision, { id: d.id, input: changed });
        return 'Corrected';
      }} />
      <StrikeOutForm id={d.id} kind="DECISION" name={name} onDone={onDone} />
    </div>
  );
}

type ConsultationRow = Proposal['consultations'][number];

export function ConsultationCorrections({ c, reference, onDone }: { c: ConsultationRow; reference: string; onDone: () => void }) {
  const fields: Field[] = [
    { name: 'opensOn', label: 'Opens on', type: 'date', value: c.opensOn, required: true },
    { name: 'closesOn', label: 'Closes on', type: 'date', value: c.closesOn },
    { name: 'note', label: 'Note', value: c.note },
  ];
  const name = `the ${words(c.kind).toLowerCase()} consultation of ${c.opensOn} on ${reference}`;
  return (
    <div class="actions">
      <ActionForm id={`consultation-${c.id}`} label={`Correct ${name}`} confirm="Save the correction" fields={fields} onDone={onDone} submit={async (v) => {
        await gql(CorrectConsultation, { id: c.id, input: changedFields(fields, v) });
        return 'Corrected';
      }} />
      <StrikeOutForm id={c.id} kind="CONSULTATION" name={name} onDone={onDone} />
    </div>
  );
}

type WorkPackageRow = Proposal['workPackages'][number];

export function WorkPackageActions({ w, reference, day, onDone }: { w: WorkPackageRow; reference: string; day: string; onDone: () => void }) {
  const name = `${reference}'s work package returning in ${w.returnToPanelMonth}`;
  return (
    <div class="actions">
      {!w.completedOn && (
        <ActionForm id={`complete-${w.id}`} label={`Mark ${name} done`} confirm="Mark it done" onDone={onDone}
          fields={[{ name: 'on', label: 'Done on', type: 'date', value: day, required: true }]}
          submit={async (v) => (await gql(CompleteWork, { id: w.id, on: String(v.on) }), 'Done')} />
      )}
      <StrikeOutForm id={w.id} kind="WORK_PACKAGE" name={name} onDone={onDone} />
    </div>
  );
}
