import { useEffect, useState } from 'preact/hooks';
import { gql, type Identity, problemOf } from '../api';
import { formatDate, words } from '../format';
import { graphql } from '../gql';
import type { ModificationFilter, ModificationKind, ModificationPhase, RegisterQuery } from '../gql/graphql';
import { ActionForm } from '../action-form';
import { Link, navigate } from '../router';
import { RegisterImport } from './register-import';

const Register = graphql(`
  query Register($filter: ModificationFilter, $first: Int, $after: String, $asOf: LocalDate) {
    modifications(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { reference title kind phase onHold raisedOn refinementStalled(asOf: $asOf) } }
    }
  }
`);

const CreateProposal = graphql(`mutation CreateProposal($input: CreateModificationInput!) { createModification(input: $input) { reference } }`);

const PHASES: ModificationPhase[] = ['DEFINE', 'REFINE', 'OPINE', 'DECIDE', 'APPROVED', 'IMPLEMENTED', 'REJECTED', 'WITHDRAWN'];
/** The lifecycle's order, for sorting by phase as the Panel reads it (not alphabetically). */
const PHASE_ORDER = new Map(PHASES.map((p, i) => [p, i]));
const PAGE = 50;
/** The API's largest page: sorting by a column other than the reference (the API's own order) reads the filtered register whole, so the sort is the register's, not a page's. */
const WHOLE = 500;

type Row = RegisterQuery['modifications']['edges'][number]['node'];
type SortKey = 'reference' | 'title' | 'phase' | 'raisedOn';
const COLUMNS: Array<[SortKey, string]> = [['reference', 'Proposal'], ['title', 'Title'], ['phase', 'Phase'], ['raisedOn', 'Raised']];

function compare(key: SortKey): (a: Row, b: Row) => number {
  if (key === 'phase') return (a, b) => PHASE_ORDER.get(a.phase)! - PHASE_ORDER.get(b.phase)! || a.reference.localeCompare(b.reference);
  // Blanks (an imported proposal without its title or day) sort last whichever way.
  return (a, b) => String(a[key] ?? '\uffff').localeCompare(String(b[key] ?? '\uffff'), 'en-GB', { numeric: true });
}

/** Keeps the page's filters in its address, so a filtered register can be bookmarked and shared. */
function setParam(url: URL, name: string, value: string) {
  const next = new URL(url.href);
  if (value) next.searchParams.set(name, value);
  else next.searchParams.delete(name);
  history.replaceState(null, '', next.pathname + next.search);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The address's filters as the API's filter: what is not set is not sent. */
function filterOf(url: URL): ModificationFilter {
  const p = url.searchParams;
  const yesNo = (name: string) => (p.get(name) === 'yes' ? true : p.get(name) === 'no' ? false : undefined);
  const filter: ModificationFilter = {};
  const search = p.get('q')?.trim();
  if (search) filter.search = search;
  if (p.get('phase')) filter.phases = [p.get('phase') as ModificationPhase];
  if (p.get('kind')) filter.kind = p.get('kind') as ModificationKind;
  if (yesNo('onHold') !== undefined) filter.onHold = yesNo('onHold')!;
  if (yesNo('stalled') !== undefined) filter.refinementStalled = yesNo('stalled')!;
  if (p.get('asOf')) filter.asOf = p.get('asOf');
  return filter;
}

/**
 * The register: search; filter by phase, kind, on hold and the 'black hole'; as of any day; sort
 * by a column; more rows a page at a time; the spreadsheet of what it shows; for SECAS, import one.
 */
export function RegisterPage({ url, who }: { url: URL; who: Identity }) {
  const p = url.searchParams;
  const asOf = p.get('asOf') ?? '';
  const sort = (p.get('sort') ?? 'reference') as SortKey;
  const descending = p.get('order') === 'desc';
  const [rows, setRows] = useState<Row[] | null>(null);
  const [page, setPage] = useState<RegisterQuery['modifications']['pageInfo'] | null>(null);
  const [total, setTotal] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const filter = filterOf(url);
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    document.title = 'Register · SEC modification tracker';
  }, []);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      gql(Register, { filter, first: sort === 'reference' ? PAGE : WHOLE, asOf: asOf || null }).then(
        (r) => current && (setRows(r.modifications.edges.map((e) => e.node)), setPage(r.modifications.pageInfo), setTotal(r.modifications.totalCount), setProblem(null)),
        (err) => current && setProblem(problemOf(err)),
      );
    // Typing waits for a pause before asking; the page's first answer is asked for at once.
    }, rows === null ? 0 : 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [filterKey, version, sort === 'reference']);

  const more = async () => {
    try {
      const r = await gql(Register, { filter, first: sort === 'reference' ? PAGE : WHOLE, after: page!.endCursor, asOf: asOf || null });
      setRows((before) => [...(before ?? []), ...r.modifications.edges.map((e) => e.node)]);
      setPage(r.modifications.pageInfo);
    } catch (err) {
      setProblem(problemOf(err));
    }
  };
  const sorted = rows ? [...rows].sort(compare(sort)) : null;
  if (sorted && descending) sorted.reverse();
  const exportQuery = asOf ? `?asOf=${asOf}` : '';

  return (
    <>
      <h1>Register</h1>
      <form role="search" class="filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label for="q">Search</label>
          <input id="q" type="search" value={p.get('q') ?? ''} placeholder="Reference or words of the title" onInput={(e) => setParam(url, 'q', e.currentTarget.value)} />
        </div>
        <Choice id="phase" label="Phase" url={url} options={[['', 'Every phase'], ...PHASES.map((v) => [v, words(v)] as [string, string])]} />
        <Choice id="kind" label="Kind" url={url} options={[['', 'Both kinds'], ['MODIFICATION_PROPOSAL', 'Modification Proposals'], ['DRAFT_PROPOSAL', 'Draft Proposals']]} />
        <Choice id="onHold" label="On hold" url={url} options={[['', 'Either'], ['yes', 'On hold'], ['no', 'Not on hold']]} />
        <Choice id="stalled" label="Black hole" url={url} options={[['', 'Either'], ['yes', 'Stalled in Refinement'], ['no', 'Not stalled']]} />
        <div>
          <label for="asOf">As of</label>
          <input id="asOf" type="date" value={asOf} onChange={(e) => setParam(url, 'asOf', e.currentTarget.value)} />
        </div>
      </form>
      <p>
        The whole register{asOf ? ` as of ${formatDate(asOf)}` : ''} as a spreadsheet:{' '}
        <a href={`/register.xlsx${exportQuery}`} download>XLSX (proposals and assessments)</a>,{' '}
        <a href={`/register.csv${exportQuery}`} download>CSV of proposals</a>,{' '}
        <a href={`/register.csv?sheet=assessments${asOf ? `&asOf=${asOf}` : ''}`} download>CSV of assessments</a>.
      </p>
      {problem && <p class="problem" role="alert">{problem}</p>}
      {sorted && (
        <>
          <p role="status">{total} proposal{total === 1 ? '' : 's'}{asOf ? ` as of ${formatDate(asOf)}` : ''}{total > sorted.length ? `, the first ${sorted.length} shown` : ''}</p>
          <table>
            <caption class="visually-hidden">Proposals in the register, sorted by {COLUMNS.find(([k]) => k === sort)?.[1] ?? 'Proposal'}</caption>
            <thead><tr>
              {COLUMNS.slice(0, 2).map(([key, label]) => <SortHeader key={key} sortKey={key} label={label} url={url} />)}
              <th scope="col">Kind</th>
              <SortHeader sortKey="phase" label="Phase" url={url} />
              <th scope="col">On hold</th>
              <SortHeader sortKey="raisedOn" label="Raised" url={url} />
            </tr></thead>
            <tbody>
              {sorted.map((m) => (
                <tr>
                  <th scope="row"><Link href={`/proposals/${encodeURIComponent(m.reference)}${asOf ? `?asOf=${asOf}` : ''}`}>{m.reference}</Link></th>
                  <td>{m.title ?? <span class="none">Title not in the register</span>}</td>
                  <td>{words(m.kind)}</td>
                  <td>{words(m.phase)}{m.refinementStalled ? <span class="problem nowrap"> (black hole)</span> : null}</td>
                  <td>{m.onHold ? 'On hold' : '—'}</td>
                  <td>{formatDate(m.raisedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page?.hasNextPage && <button type="button" onClick={more}>Show {Math.min(PAGE, total - sorted.length)} more</button>}
        </>
      )}
      {who.role === 'ADMIN' && (
        <ActionForm id="new-proposal" label="Add a proposal" confirm="Add it to the register" onDone={() => undefined} fields={[
          { name: 'reference', label: 'Reference', required: true, help: 'DP157 for a Draft Proposal; MP157 for a Modification Proposal' },
          { name: 'kind', label: 'Kind', type: 'select', options: [['DRAFT_PROPOSAL', 'Draft Proposal'], ['MODIFICATION_PROPOSAL', 'Modification Proposal']], required: true },
          { name: 'title', label: 'Title', required: true },
          { name: 'raisedOn', label: 'Raised on', type: 'date' },
          { name: 'proposer', label: 'Proposer (optional)' },
          { name: 'proposerOrganisation', label: 'Proposer organisation (optional)' },
          { name: 'summary', label: 'What it is about (optional)', type: 'lines' },
        ]} submit={async (v) => {
          const r = await gql(CreateProposal, { input: {
            reference: String(v.reference), kind: v.kind as ModificationKind, title: String(v.title), raisedOn: String(v.raisedOn) || null,
            proposer: String(v.proposer) || null, proposerOrganisation: String(v.proposerOrganisation) || null, summary: String(v.summary) || null,
          } });
          navigate(`/proposals/${encodeURIComponent(r.createModification.reference)}`);
          return 'Added';
        }} />
      )}
      {who.role === 'ADMIN' && <RegisterImport onImported={() => setVersion((v) => v + 1)} />}
    </>
  );
}

function Choice({ id, label, url, options }: { id: string; label: string; url: URL; options: Array<[string, string]> }) {
  return (
    <div>
      <label for={id}>{label}</label>
      <select id={id} value={url.searchParams.get(id) ?? ''} onChange={(e) => setParam(url, id, e.currentTarget.value)}>
        {options.map(([value, text]) => <option value={value}>{text}</option>)}
      </select>
    </div>
  );
}

/** A column's header is a button that sorts by it; pressed again, the other way. The table says which way it is sorted. */
function SortHeader({ sortKey, label, url }: { sortKey: SortKey; label: string; url: URL }) {
  const current = (url.searchParams.get('sort') ?? 'reference') === sortKey;
  const descending = current && url.searchParams.get('order') === 'desc';
  return (
    <th scope="col" aria-sort={current ? (descending ? 'descending' : 'ascending') : undefined}>
      <button type="button" class="sort" onClick={() => {
        setParam(url, 'sort', sortKey === 'reference' ? '' : sortKey);
        setParam(new URL(location.href), 'order', current && !descending ? 'desc' : '');
      }}>{label}<span aria-hidden="true">{current ? (descending ? ' ▼' : ' ▲') : ''}</span></button>
    </th>
  );
}
