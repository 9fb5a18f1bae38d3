import { useEffect, useState } from 'preact/hooks';
import { gql, problemOf } from '../api';
import { formatDate, words } from '../format';
import { graphql } from '../gql';
import type { ModificationPhase, RegisterQuery } from '../gql/graphql';
import { Link } from '../router';

const Register = graphql(`
  query Register($filter: ModificationFilter, $first: Int) {
    modifications(filter: $filter, first: $first) {
      totalCount
      edges { node { reference title kind phase onHold raisedOn } }
    }
  }
`);

const PHASES: ModificationPhase[] = ['DEFINE', 'REFINE', 'OPINE', 'DECIDE', 'APPROVED', 'IMPLEMENTED', 'REJECTED', 'WITHDRAWN'];

/** Keeps the page's filters in its address, so a filtered register can be bookmarked and shared. */
function setParam(url: URL, name: string, value: string) {
  const next = new URL(url.href);
  if (value) next.searchParams.set(name, value);
  else next.searchParams.delete(name);
  history.replaceState(null, '', next.pathname + next.search);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The register: search, filter by phase, the register as of any day. */
export function RegisterPage({ url }: { url: URL }) {
  const search = url.searchParams.get('q') ?? '';
  const phase = url.searchParams.get('phase') ?? '';
  const asOf = url.searchParams.get('asOf') ?? '';
  const [answer, setAnswer] = useState<RegisterQuery['modifications'] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Register · SEC modification tracker';
  }, []);
  useEffect(() => {
    let current = true;
    const filter = {
      ...(search.trim() ? { search: search.trim() } : {}),
      ...(phase ? { phases: [phase as ModificationPhase] } : {}),
      ...(asOf ? { asOf } : {}),
    };
    const timer = setTimeout(() => {
      gql(Register, { filter, first: 100 }).then(
        (r) => current && (setAnswer(r.modifications), setProblem(null)),
        (err) => current && setProblem(problemOf(err)),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search, phase, asOf]);

  return (
    <>
      <h1>Register</h1>
      <form role="search" class="filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label for="q">Search</label>
          <input id="q" type="search" value={search} placeholder="Reference or words of the title" onInput={(e) => setParam(url, 'q', e.currentTarget.value)} />
        </div>
        <div>
          <label for="phase">Phase</label>
          <select id="phase" value={phase} onChange={(e) => setParam(url, 'phase', e.currentTarget.value)}>
            <option value="">Every phase</option>
            {PHASES.map((p) => <option value={p}>{words(p)}</option>)}
          </select>
        </div>
        <div>
          <label for="asOf">As of</label>
          <input id="asOf" type="date" value={asOf} onChange={(e) => setParam(url, 'asOf', e.currentTarget.value)} />
        </div>
      </form>
      {problem && <p class="problem" role="alert">{problem}</p>}
      {answer && (
        <>
          <p role="status">{answer.totalCount} proposal{answer.totalCount === 1 ? '' : 's'}{asOf ? ` as of ${formatDate(asOf)}` : ''}{answer.totalCount > answer.edges.length ? `, the first ${answer.edges.length} shown` : ''}</p>
          <table>
            <caption class="visually-hidden">Proposals in the register</caption>
            <thead><tr><th scope="col">Proposal</th><th scope="col">Title</th><th scope="col">Kind</th><th scope="col">Phase</th><th scope="col">On hold</th><th scope="col">Raised</th></tr></thead>
            <tbody>
              {answer.edges.map(({ node: m }) => (
                <tr>
                  <th scope="row"><Link href={`/proposals/${encodeURIComponent(m.reference)}${asOf ? `?asOf=${asOf}` : ''}`}>{m.reference}</Link></th>
                  <td>{m.title ?? <span class="none">Title not in the register</span>}</td>
                  <td>{words(m.kind)}</td>
                  <td>{words(m.phase)}</td>
                  <td>{m.onHold ? 'On hold' : '—'}</td>
                  <td>{formatDate(m.raisedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
