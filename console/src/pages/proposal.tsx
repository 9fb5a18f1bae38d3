import { useEffect, useState } from 'preact/hooks';
import { gql, problemOf, type Identity } from '../api';
import { formatDate, formatInstant, today, words, workingDaysWords } from '../format';
import { graphql } from '../gql';
import type { ProposalQuery } from '../gql/graphql';
import { Link, navigate } from '../router';
import { AssessmentActions } from './assessment-actions';
import { PhaseTimeline } from './phase-timeline';
import { AssessmentCorrections, ConsultationCorrections, DecisionCorrections, ProposalKeeping, WorkPackageActions } from './proposal-keeping';

const Proposal = graphql(`
  query Proposal($reference: String!, $asOf: LocalDate!) {
    modification(reference: $reference) {
      id version reference title summary kind phase path onHold onHoldReason raisedOn proposer proposerOrganisation
      targetRelease { name }
      formerReferences { reference replacedOn }
      dependsOn { reference title }
      history { from to on note }
      meetings { body date title }
      consultations { id kind opensOn closesOn note }
      decisions { id body on outcome objectives note }
      workPackages { id tasks returnToPanelMonth completedOn note }
      assessments {
        id type changeRequest requestedOn acceptedOn returnedOn targetWorkingDays targetCompletionOn expectedCompletionOn commentary costGbp
        pauses { from to }
        sla(asOf: $asOf) { status elapsedWorkingDays remainingWorkingDays }
      }
    }
  }
`);

const Audit = graphql(`
  query ProposalAudit($target: String!) {
    auditLog(target: $target, first: 50) { edges { node { at actor operation action table } } }
  }
`);

const TYPE = { PRELIMINARY: 'PA', IMPACT: 'IA' } as const;

/** One proposal: its facts, and its assessments with their SLA position on any day. */
export function ProposalPage({ reference, asOf, who }: { reference: string; asOf: string | null; who: Identity }) {
  const day = asOf ?? today();
  const [proposal, setProposal] = useState<ProposalQuery['modification'] | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  // Bumped by a change made on the page: the proposal is read again, as the API now has it.
  const [version, setVersion] = useState(0);
  const reread = () => setVersion((v) => v + 1);
  const keeps = who.role === 'ADMIN';
  const correctsAssessments = who.role === 'ADMIN' || who.role === 'DCC';
  useEffect(() => {
    document.title = `${reference} · SEC modification tracker`;
    let current = true;
    gql(Proposal, { reference, asOf: day }).then(
      (r) => current && (setProposal(r.modification), setProblem(null)),
      (err) => current && setProblem(problemOf(err)),
    );
    return () => {
      current = false;
    };
  }, [reference, day, version]);

  if (problem) return <><h1>{reference}</h1><p class="problem" role="alert">{problem}</p></>;
  if (proposal === undefined) return <p role="status">Loading {reference}…</p>;
  if (proposal === null) return <><h1>{reference}</h1><p role="alert">No proposal {reference} is in the register.</p></>;
  const p = proposal;
  return (
    <>
      <h1>{p.reference}: {p.title ?? 'Title not in the register'}</h1>
      {p.summary && <p>{p.summary}</p>}
      <dl class="facts">
        <dt>Kind</dt><dd>{words(p.kind)}</dd>
        <dt>Phase</dt><dd>{words(p.phase)}</dd>
        <dt>Path</dt><dd>{p.path ? words(p.path) : '—'}</dd>
        <dt>Raised</dt><dd>{formatDate(p.raisedOn)}</dd>
        <dt>Proposer</dt><dd>{[p.proposer, p.proposerOrganisation].filter(Boolean).join(', ') || '—'}</dd>
        <dt>On hold</dt><dd>{p.onHold ? `Yes${p.onHoldReason ? `: ${p.onHoldReason}` : ''}` : 'No'}</dd>
        <dt>Release</dt><dd>{p.targetRelease?.name ?? '—'}</dd>
      </dl>
      <h2>Assessments</h2>
      <form class="filters" onSubmit={(e) => {
        e.preventDefault();
        const value = (e.currentTarget.elements.namedItem('asOf') as HTMLInputElement).value;
        navigate(`/proposals/${encodeURIComponent(p.reference)}${value ? `?asOf=${value}` : ''}`);
      }}>
        <div>
          <label for="asOf">SLA as of</label>
          <input id="asOf" name="asOf" type="date" value={day} />
        </div>
        <button type="submit">Show</button>
      </form>
      {p.assessments.length === 0 ? <p class="none">No DCC assessment is recorded.</p> : (
        <table>
          <caption>DCC assessments on {formatDate(day)}</caption>
          <thead><tr>
            <th scope="col">Assessment</th><th scope="col">Change request</th><th scope="col">Accepted</th><th scope="col">Target completion</th>
            <th scope="col">Status</th><th scope="col">Working Days</th><th scope="col">Expected completion</th><th scope="col">Returned</th><th scope="col">DCC commentary</th>
            {correctsAssessments && <th scope="col">Actions and corrections</th>}
          </tr></thead>
          <tbody>
            {p.assessments.map((a) => (
              <tr>
                <th scope="row">{TYPE[a.type]}</th>
                <td>{a.changeRequest ?? '—'}</td>
                <td>{formatDate(a.acceptedOn)}</td>
                <td>{formatDate(a.targetCompletionOn)}</td>
                <td><span class={`status status-${a.sla.status.toLowerCase()}`}>{a.sla.status.replace(/_/g, ' ')}</span></td>
                <td>{workingDaysWords(a.sla.remainingWorkingDays)}</td>
                <td>{formatDate(a.expectedCompletionOn)}</td>
                <td>{formatDate(a.returnedOn)}</td>
                <td>{a.commentary ?? '—'}</td>
                {correctsAssessments && <td>
                  {/* The board's moves (accept, pause, resume, revise, return) for one still open, then the corrections. */}
                  {!a.returnedOn && <AssessmentActions assessment={{ ...a, modification: { reference: p.reference, title: p.title } }} day={today()} onDone={reread} />}
                  <AssessmentCorrections a={a} reference={p.reference} secas={keeps} onDone={reread} />
                </td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Phase history</h2>
      <PhaseTimeline history={p.history} until={day} />
      <table>
        <caption class="visually-hidden">Phase history of {p.reference}</caption>
        <thead><tr><th scope="col">On</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Note</th></tr></thead>
        <tbody>{p.history.map((h) => <tr><th scope="row">{formatDate(h.on)}</th><td>{h.from ? words(h.from) : '—'}</td><td>{words(h.to)}</td><td>{h.note ?? '—'}</td></tr>)}</tbody>
      </table>
      {(p.formerReferences.length > 0 || p.dependsOn.length > 0) && (
        <>
          <h2>Lineage and dependencies</h2>
          <ul>
            {p.formerReferences.map((f) => <li>Was {f.reference} until {formatDate(f.replacedOn)}</li>)}
            {p.dependsOn.map((d) => <li>Depends on <Link href={`/proposals/${encodeURIComponent(d.reference)}`}>{d.reference}</Link>{d.title ? `: ${d.title}` : ''}</li>)}
          </ul>
        </>
      )}
      <h2>Meetings</h2>
      {p.meetings.length === 0 ? <p class="none">On no meeting's agenda in the register.</p> : (
        <ul>{p.meetings.map((m) => <li>{m.title ?? words(m.body)}, {formatDate(m.date)}</li>)}</ul>
      )}
      <h2>Consultations</h2>
      {p.consultations.length === 0 ? <p class="none">No consultation is recorded.</p> : (
        <ul>{p.consultations.map((c) => (
          <li>{words(c.kind)} consultation: opens {formatDate(c.opensOn)}, closes {formatDate(c.closesOn)}{c.note ? `. ${c.note}` : ''}
            {keeps && <ConsultationCorrections c={c} reference={p.reference} onDone={reread} />}</li>
        ))}</ul>
      )}
      <h2>Decisions</h2>
      {p.decisions.length === 0 ? <p class="none">No decision is recorded.</p> : (
        <ul>{p.decisions.map((d) => (
          <li>{formatDate(d.on)}: {words(d.body)}, {words(d.outcome)}{d.objectives.length ? ` (SEC Objectives ${d.objectives.map((o) => `(${o})`).join(', ')})` : ''}
            {keeps && <DecisionCorrections d={d} reference={p.reference} onDone={reread} />}</li>
        ))}</ul>
      )}
      <h2>Work packages</h2>
      {p.workPackages.length === 0 ? <p class="none">No work package is recorded.</p> : p.workPackages.map((w) => (
        <section aria-label={`Work package returning in ${w.returnToPanelMonth}`}>
          <p>Returns to the Panel in {w.returnToPanelMonth}{w.completedOn ? `; done ${formatDate(w.completedOn)}` : ''}.</p>
          <ol>{w.tasks.map((t) => <li>{t}</li>)}</ol>
          {keeps && <WorkPackageActions w={w} reference={p.reference} day={today()} onDone={reread} />}
        </section>
      ))}
      {keeps && <ProposalKeeping p={p} day={today()} onDone={reread} />}
      {keeps && <AuditTrail reference={p.reference} version={version} />}
    </>
  );
}

/** Who changed the proposal, when, by which operation (SECAS only: the audit log is theirs). */
function AuditTrail({ reference, version }: { reference: string; version: number }) {
  const [entries, setEntries] = useState<Array<{ at: string; actor: string; operation: string; action: string; table: string }> | null>(null);
  useEffect(() => {
    gql(Audit, { target: reference }).then((r) => setEntries(r.auditLog.edges.map((e) => e.node)), () => setEntries([]));
  }, [reference, version]);
  return (
    <>
      <h2>Audit trail</h2>
      {entries === null ? <p role="status">Loading the audit trail…</p> : entries.length === 0 ? <p class="none">No change is recorded.</p> : (
        <table>
          <caption class="visually-hidden">Changes to {reference}, newest first</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Operation</th><th scope="col">What</th></tr></thead>
          <tbody>{entries.map((e) => <tr><th scope="row">{formatInstant(e.at)}</th><td>{e.actor}</td><td>{e.operation}</td><td>{words(e.action)} {e.table.replace(/_/g, ' ')}</td></tr>)}</tbody>
        </table>
      )}
    </>
  );
}
