import { fork } from 'node:child_process';
import path from 'node:path';
import type { Cleanups } from './cleanups';

/** The console's register query (console/src/pages/register.tsx), asked the same way: the first 100 rows. */
const REGISTER_QUERY = `query Register($filter: ModificationFilter, $first: Int) {
  modifications(filter: $filter, first: $first) {
    totalCount
    edges { node { reference title kind phase onHold raisedOn } }
  }
}`;

interface Row {
  reference: string;
  title: string | null;
  kind: string;
  phase: string;
  onHold: boolean;
  raisedOn: string | null;
}

/**
 * The fastest honest way to show a browser the same register: the console's answer, asked of the
 * API once, written as one static HTML page (no script, no stylesheet) and served by node:http
 * from a process of its own, as the service is. Returns the page's address.
 */
export async function startPlainRegister(cleanups: Cleanups, { base, key, asOf }: { base: string; key: string; asOf: string }): Promise<string> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: REGISTER_QUERY, variables: { filter: { asOf }, first: 100 } }),
  });
  const body = (await res.json()) as { data?: { modifications: { totalCount: number; edges: Array<{ node: Row }> } }; errors?: unknown };
  if (res.status !== 200 || !body.data) throw new Error(`the API answered the register query ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  const html = registerHtml(body.data.modifications.totalCount, body.data.modifications.edges.map((e) => e.node), asOf);

  const child = fork(path.join(__dirname, 'plain-register-server.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  cleanups.add('stop the plain register server', async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the plain register server exited with ${code}`)));
    child.send({ html });
  });
  return `http://127.0.0.1:${port}/register?asOf=${asOf}`;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** As the console words them (console/src/format.ts), so the two pages show the same text. */
const words = (v: string): string => v.charAt(0) + v.slice(1).toLowerCase().replace(/_/g, ' ');
const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const day = (d: string | null): string => (d ? DAY.format(new Date(`${d}T00:00:00Z`)).replace(',', '').replace(' Sept ', ' Sep ') : '—');

function registerHtml(total: number, rows: Row[], asOf: string): string {
  const body = rows.map((m) => `<tr><th scope="row"><a href="/proposals/${encodeURIComponent(m.reference)}?asOf=${asOf}">${esc(m.reference)}</a></th>`
    + `<td>${m.title ? esc(m.title) : 'Title not in the register'}</td><td>${esc(words(m.kind))}</td><td>${esc(words(m.phase))}</td>`
    + `<td>${m.onHold ? 'On hold' : '—'}</td><td>${day(m.raisedOn)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Register · SEC modification tracker</title></head>
<body><main><h1>Register</h1>
<p role="status">${total} proposals as of ${day(asOf)}${total > rows.length ? `, the first ${rows.length} shown` : ''}</p>
<table><caption>Proposals in the register</caption>
<thead><tr><th scope="col">Proposal</th><th scope="col">Title</th><th scope="col">Kind</th><th scope="col">Phase</th><th scope="col">On hold</th><th scope="col">Raised</th></tr></thead>
<tbody>
${body}
</tbody></table></main></body></html>
`;
}
