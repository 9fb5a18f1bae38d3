import { useEffect, useState } from 'preact/hooks';
import { gql, problemOf, type Identity } from '../api';
import { formatDate, today, words, workingDaysWords } from '../format';
import { graphql } from '../gql';
import type { BoardQuery, SlaStatus } from '../gql/graphql';
import { Link, navigate } from '../router';
import { AssessmentActions } from './assessment-actions';
import { BoardChart, type MonthMeasure } from './board-chart';

const Board = graphql(`
  query Board($asOf: LocalDate!, $statuses: [SlaStatus!]) {
    assessments(filter: { asOf: $asOf, statuses: $statuses }, first: 500) {
      totalCount
      edges { node {
        id type changeRequest requestedOn acceptedOn targetCompletionOn expectedCompletionOn commentary
        modification { reference title }
        pauses { from to }
        sla(asOf: $asOf) { status remainingWorkingDays }
      } }
    }
  }
`);

const Month = graphql(`query BoardMonth($month: String!) { codePerformanceMeasure(month: $month) { month due completedWithinTarget percentage targetPercentage } }`);

/** The open assessments, most urgent first: what the board is for. */
const OPEN: SlaStatus[] = ['OVERDUE', 'DUE_SOON', 'ON_TRACK', 'PAUSED', 'AWAITING_ACCEPTANCE'];
const TYPE = { PRELIMINARY: 'PA', IMPACT: 'IA' } as const;

export type BoardAssessment = BoardQuery['assessments']['edges'][number]['node'];

/**
 * The SLA board: every open assessment by status on a day (today by default), with Working Days
 * over or left, expected completion and the DCC's commentary; for a key that may act on them (the
 * DCC, SECAS), each row's actions: accept, pause, resume, revise, return.
 */
export function BoardPage({ url, who }: { url: URL; who: Identity }) {
  const day = url.searchParams.get('asOf') ?? today();
  const [rows, setRows] = useState<BoardAssessment[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [measure, setMeasure] = useState<MonthMeasure | null>(null);
  const mayAct = who.role === 'DCC' || who.role === 'ADMIN';

  useEffect(() => {
    document.title = 'SLA board · SEC modification tracker';
    let current = true;
    gql(Board, { asOf: day, statuses: OPEN }).then(
      (r) => current && (setRows(r.assessments.edges.map((e) => e.node)), setProblem(null)),
      (err) => current && setProblem(problemOf(err)),
    );
    return () => {
      current = false;
    };
  }, [day, version]);
  useEffect(() => {
    // The measure is the chart's second part: when it cannot be had, the board still stands.
    gql(Month, { month: day.slice(0, 7) }).then((r) => setMeasure(r.codePerformanceMeasure), () => setMeasure(null));
  }, [day, version]);

  return (
    <>
      <h1>SLA board</h1>
      <form class="filters" onSubmit={(e) => {
        e.preventDefault();
        const value = (e.currentTarget.elements.namedItem('asOf') as HTMLInputElement).value;
        navigate(`/board${value ? `?asOf=${value}` : ''}`);
      }}>
        <div>
          <label for="asOf">On</label>
          <input id="asOf" name="asOf" type="date" value={day} />
        </div>
        <button type="submit">Show</button>
      </form>
      {problem && <p class="problem" role="alert">{problem}</p>}
      {rows && <BoardChart day={day} counts={OPEN.map((s) => [s, rows.filter((a) => a.sla.status === s).length] as const)} measure={measure} />}
      {rows && OPEN.map((status) => {
        const these = rows.filter((a) => a.sla.status === status);
        return (
          <section aria-labelledby={`h-${status}`}>
            <h2 id={`h-${status}`}>{words(status)} ({these.length})</h2>
            {these.length === 0 ? <p class="none">None on {formatDate(day)}.</p> : (
              <table>
                <caption class="visually-hidden">{words(status)} assessments on {formatDate(day)}</caption>
                <thead><tr>
                  <th scope="col">Proposal</th><th scope="col">Assessment</th><th scope="col">Accepted</th><th scope="col">Target completion</th>
                  <th scope="col">Working Days</th><th scope="col">Expected completion</th><th scope="col">DCC commentary</th>
                  {mayAct && <th scope="col">Actions</th>}
                </tr></thead>
                <tbody>
                  {these.map((a) => (
                    <tr>
                      <th scope="row"><Link href={`/proposals/${encodeURIComponent(a.modification.reference)}?asOf=${day}`}>{a.modification.reference}</Link></th>
                      <td>{TYPE[a.type]}{a.changeRequest ? ` ${a.changeRequest}` : ''}</td>
                      <td>{formatDate(a.acceptedOn)}</td>
                      <td>{formatDate(a.targetCompletionOn)}</td>
                      <td>{workingDaysWords(a.sla.remainingWorkingDays)}</td>
                      <td>{formatDate(a.expectedCompletionOn)}</td>
                      <td>{a.commentary ?? '—'}</td>
                      {mayAct && <td><AssessmentActions assessment={a} day={day} onDone={() => setVersion((v) => v + 1)} /></td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </>
  );
}
