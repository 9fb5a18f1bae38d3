import { useEffect, useState } from 'preact/hooks';
import { gql, problemOf } from '../api';
import { formatInstant, words } from '../format';
import { graphql } from '../gql';
import type { AuditLogQuery } from '../gql/graphql';
import { Link, navigate } from '../router';

const AuditLog = graphql(`
  query AuditLog($target: String, $after: String) {
    auditLog(target: $target, first: 50, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id at actor operation action table target before after } }
    }
  }
`);

type Entry = AuditLogQuery['auditLog']['edges'][number]['node'];

/** What a change did, field by field: "title: A → B". An insert lists what it recorded; a delete what it removed. */
function changes(e: Entry): string[] {
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const shown = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !['id', 'version', 'created_at', 'updated_at'].includes(k));
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => `${k.replace(/_/g, ' ')}: ${shown(before[k])} → ${shown(after[k])}`);
}

/** The audit log (SECAS): every change to the register, newest first, who made it and by which operation; one proposal's by its reference. */
export function AuditPage({ url }: { url: URL }) {
  const target = url.searchParams.get('target') ?? '';
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [page, setPage] = useState<AuditLogQuery['auditLog']['pageInfo'] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    document.title = 'Audit log · SEC modification tracker';
    gql(AuditLog, { target: target || null }).then(
      (r) => (setEntries(r.auditLog.edges.map((x) => x.node)), setPage(r.auditLog.pageInfo), setProblem(null)),
      (err) => setProblem(problemOf(err)),
    );
  }, [target]);
  const more = () => gql(AuditLog, { target: target || null, after: page!.endCursor }).then(
    (r) => (setEntries((before) => [...(before ?? []), ...r.auditLog.edges.map((x) => x.node)]), setPage(r.auditLog.pageInfo)),
    (err) => setProblem(problemOf(err)),
  );

  return (
    <>
      <h1>Audit log</h1>
      <form class="filters" onSubmit={(e) => {
        e.preventDefault();
        const value = (e.currentTarget.elements.namedItem('target') as HTMLInputElement).value.trim();
        navigate(`/audit${value ? `?target=${encodeURIComponent(value)}` : ''}`);
      }}>
        <div>
          <label for="target">Proposal</label>
          <input id="target" name="target" value={target} placeholder="e.g. MP107; blank for every change" />
        </div>
        <button type="submit">Show</button>
      </form>
      {problem && <p class="problem" role="alert">{problem}</p>}
      {entries && (entries.length === 0 ? <p class="none" role="status">No change is recorded{target ? ` for ${target}` : ''}.</p> : (
        <table>
          <caption class="visually-hidden">Changes to the register, newest first</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Operation</th><th scope="col">Record</th><th scope="col">What changed</th></tr></thead>
          <tbody>{entries.map((e) => (
            <tr>
              <th scope="row">{formatInstant(e.at)}</th>
              <td>{e.actor}</td>
              <td>{e.operation}</td>
              <td>{words(e.action)} {e.table.replace(/_/g, ' ')}{e.target ? <> of <Link href={`/proposals/${encodeURIComponent(e.target)}`}>{e.target}</Link></> : null}</td>
              <td><Changes entry={e} /></td>
            </tr>
          ))}</tbody>
        </table>
      ))}
      {page?.hasNextPage && <button type="button" onClick={() => void more()}>Show older changes</button>}
    </>
  );
}

/** An update's changed fields in full; a record added or removed whole folds its fields away (a page of them would bury the updates). */
function Changes({ entry }: { entry: Entry }) {
  const lines = changes(entry);
  const list = <ul class="plain">{lines.map((line) => <li>{line}</li>)}</ul>;
  if (entry.action.toLowerCase() === 'update' || lines.length <= 3) return list;
  return <details><summary>{lines.length} fields {entry.action.toLowerCase() === 'delete' ? 'removed' : 'recorded'}</summary>{list}</details>;
}
