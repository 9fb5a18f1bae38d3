import { useEffect, useState } from 'preact/hooks';
import { ApiError, gql } from '../api';
import { formatDate, today, words, workingDaysWords } from '../format';
import { graphql } from '../gql';
import type { ProposalQuery } from '../gql/graphql';
import { navigate } from '../router';

const Proposal = graphql(`
  query Proposal($reference: String!, $asOf: LocalDate!) {
    modification(reference: $reference) {
      reference title summary kind phase path onHold onHoldReason raisedOn proposer proposerOrganisation
      targetRelease { name }
      assessments {
        type changeRequest requestedOn acceptedOn returnedOn targetWorkingDays targetCompletionOn expectedCompletionOn commentary
        sla(asOf: $asOf) { status elapsedWorkingDays remainingWorkingDays }
      }
    }
  }
`);

const TYPE = { PRELIMINARY: 'PA', IMPACT: 'IA' } as const;

/** One proposal: its facts, and its assessments with their SLA position on any day. */
export function ProposalPage({ reference, asOf }: { reference: string; asOf: string | null }) {
  const day = asOf ?? today();
  const [proposal, setProposal] = useState<ProposalQuery['modification'] | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    document.title = `${reference} · SEC modification tracker`;
    let current = true;
    gql(Proposal, { reference, asOf: day }).then(
      (r) => current && (setProposal(r.modification), setProblem(null)),
      (err) => current && setProblem(err instanceof ApiError ? err.message : 'The service could not be reached'),
    );
    return () => {
      current = false;
    };
  }, [reference, day]);

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
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
