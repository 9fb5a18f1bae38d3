import MarkdownIt from 'markdown-it';
import type { RunningWorker } from '../../src/queue/worker-port';
import { waitFor } from '../jobs/support/wait-for';
import { startAppWorker } from '../support/app-worker';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The Markdown report goes on to a wiki or a viewer that renders it: what the register holds must
 * come out as the text it is there, never as HTML, a link or emphasis.
 */
let app: TestApp;
let worker: RunningWorker;
beforeAll(async () => {
  app = await startTestApp();
  worker = await startAppWorker(app);
});
afterAll(async () => {
  await worker?.close();
  await app?.stop();
});

const HOSTILE = {
  script: '<script>alert(1)</script>',
  link: '[x](javascript:alert(1))',
  emphasis: '**bold** _it_ `code` ~~gone~~ ![img](http://example.org/i.png)',
  pipe: 'A | B',
};

test('titles holding HTML, links, emphasis and pipes render as their own text in a Markdown viewer', async () => {
  const titles = Object.values(HOSTILE);
  for (const [i, title] of titles.entries()) {
    const res = await app.gql(`mutation($input: CreateModificationInput!) { createModification(input: $input) { reference } }`, {
      input: { reference: `DP90${i}`, kind: 'DRAFT_PROPOSAL', title, raisedOn: '2021-02-10', proposerOrganisation: '# Not a heading' },
    });
    expect(res.errors).toBeUndefined();
  }
  const queued = (await app.gql(`mutation { regenerateReport(period: "2021-02", asOf: "2021-02-26") { id } }`)).data!.regenerateReport;
  await waitFor(async () => {
    const r = (await app.gql(`query($id: ID!) { report(id: $id) { status error } }`, { id: queued.id })).data!.report;
    if (r.status === 'FAILED') throw new Error(r.error);
    return r.status === 'READY' ? true : undefined;
  }, 'the report to be built');
  const download = await fetch(app.url.replace(/graphql$/, `reports/${queued.id}.md`), { headers: { authorization: `Bearer ${app.keys.READER}` } });
  expect(download.status).toBe(200);
  const markdown = await download.text();
  expect(markdown).not.toContain('<script>');

  // As a permissive viewer renders it: raw HTML allowed, GitHub-style tables. (A viewer that
  // turns bare http addresses into links would do so here too: text, not markup, and never javascript:.)
  const html = new MarkdownIt({ html: true }).render(markdown);
  expect(html).not.toMatch(/<script|<a |<img|<strong>|<code>|<s>|<h\d>#/);
  expect(new MarkdownIt({ html: true, linkify: true }).render(markdown)).not.toMatch(/href="javascript|<img/);
  const cells = [...html.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]!);
  expect(cells.filter((c) => c.includes('<'))).toEqual([]);
  const escaped = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  for (const title of titles) expect(cells).toContain(escaped(title));
  expect(cells).toContain('# Not a heading');
  // The table keeps its columns: "A | B" is one cell.
  const row = html.split('<tr>').find((r) => r.includes('DP903'))!;
  expect(row.match(/<td>/g)).toHaveLength(4);
});
