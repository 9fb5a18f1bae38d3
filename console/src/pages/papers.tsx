import { useEffect, useState } from 'preact/hooks';
import { gql, problemOf, type Identity } from '../api';
import { ActionForm, changedFields, type Field, linesOf } from '../action-form';
import { formatDate, words } from '../format';
import { graphql } from '../gql';
import type { PaperKind, PapersQuery } from '../gql/graphql';

const Papers = graphql(`
  query Papers {
    reports { id kind period version status asOf paperReference author action purpose recommendation attachments scheduled error withdrawnAt withdrawnReason links { html pdf markdown } }
    recipientGroups { name enabled }
  }
`);
const RegenerateReport = graphql(`mutation RegenerateReport($period: String!) { regenerateReport(period: $period) { id } }`);
const RegenerateTimetables = graphql(`mutation RegenerateTimetables($period: String!) { regenerateTimetables(period: $period) { id } }`);
const Circulate = graphql(`mutation Circulate($id: ID!, $group: String!) { circulateReport(id: $id, recipientGroup: $group) { id } }`);
const UpdateFrame = graphql(`mutation UpdateFrame($id: ID!, $input: PaperFrameInput!) { updatePaperFrame(id: $id, input: $input) { id } }`);
const Withdraw = graphql(`mutation Withdraw($id: ID!, $reason: String!) { withdrawReport(id: $id, reason: $reason) { id } }`);

type Paper = PapersQuery['reports'][number];
const KIND_NAMES: Record<PaperKind, string> = { CHANGE_STATUS_REPORT: 'Change Status Report', MODIFICATION_TIMETABLES: 'Modification Timetables' };

/**
 * The Panel papers: every version of both, with where its build stands (redrawn while one is
 * being built), its files, and for SECAS: build a month's paper, circulate a version, withdraw one.
 */
export function PapersPage({ who }: { who: Identity }) {
  const [answer, setAnswer] = useState<PapersQuery | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const admin = who.role === 'ADMIN';
  const refresh = () => setVersion((v) => v + 1);

  useEffect(() => {
    document.title = 'Papers · SEC modification tracker';
    let current = true;
    gql(Papers).then((r) => current && (setAnswer(r), setProblem(null)), (err) => current && setProblem(problemOf(err)));
    return () => {
      current = false;
    };
  }, [version]);
  // While a version is being built, ask again each second.
  const building = answer?.reports.some((r) => r.status === 'QUEUED' || r.status === 'RUNNING');
  useEffect(() => {
    if (!building) return;
    const timer = setTimeout(refresh, 1000);
    return () => clearTimeout(timer);
  }, [building, answer]);

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      setNotice(done);
      setProblem(null);
      refresh();
    } catch (err) {
      setProblem(problemOf(err));
    }
  };

  return (
    <>
      <h1>Panel papers</h1>
      {admin && (
        <form class="filters" aria-label="Build a paper" onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget.elements;
          const kind = (form.namedItem('kind') as HTMLSelectElement).value as PaperKind;
          const period = (form.namedItem('period') as HTMLInputElement).value;
          void act(() => (kind === 'MODIFICATION_TIMETABLES' ? gql(RegenerateTimetables, { period }) : gql(RegenerateReport, { period })),
            `${KIND_NAMES[kind]} for ${period} queued`);
        }}>
          <div>
            <label for="kind">Paper</label>
            <select id="kind" name="kind">
              <option value="CHANGE_STATUS_REPORT">Change Status Report</option>
              <option value="MODIFICATION_TIMETABLES">Modification Timetables</option>
            </select>
          </div>
          <div>
            <label for="period">Month</label>
            <input id="period" name="period" type="text" required pattern="\d{4}-\d{2}" placeholder="YYYY-MM" aria-describedby="period-help" />
            <span class="help" id="period-help">YYYY-MM, e.g. 2021-04</span>
          </div>
          <button type="submit">Build</button>
        </form>
      )}
      {notice && <p role="status">{notice}</p>}
      {problem && <p class="problem" role="alert">{problem}</p>}
      {answer && (answer.reports.length === 0 ? <p class="none">No paper has been built yet.</p> : (
        <table>
          <caption class="visually-hidden">Every version of the Panel papers, newest month first</caption>
          <thead><tr>
            <th scope="col">Paper</th><th scope="col">Month</th><th scope="col">Version</th><th scope="col">Reference</th><th scope="col">Dated</th>
            <th scope="col">Status</th><th scope="col">Files</th>{admin && <th scope="col">Actions</th>}
          </tr></thead>
          <tbody>
            {answer.reports.map((r) => (
              <tr>
                <th scope="row">{KIND_NAMES[r.kind]}</th>
                <td>{r.period}</td>
                <td>{r.version}</td>
                <td>{r.paperReference ?? '—'}</td>
                <td>{formatDate(r.asOf)}</td>
                <td>{statusWords(r)}</td>
                <td>{r.links ? <span class="actions"><a href={r.links.html}>HTML<span class="visually-hidden"> of {KIND_NAMES[r.kind]} {r.period} v{r.version}</span></a> <a href={r.links.pdf}>PDF<span class="visually-hidden"> of {KIND_NAMES[r.kind]} {r.period} v{r.version}</span></a> <a href={r.links.markdown}>Markdown<span class="visually-hidden"> of {KIND_NAMES[r.kind]} {r.period} v{r.version}</span></a></span> : '—'}</td>
                {admin && <td><PaperActions paper={r} groups={answer.recipientGroups.filter((g) => g.enabled).map((g) => g.name)} act={act} onDone={refresh} /></td>}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

function statusWords(r: Paper): string {
  if (r.withdrawnAt) return `Withdrawn: ${r.withdrawnReason ?? ''}`;
  if (r.status === 'FAILED') return `Failed: ${r.error ?? ''}`;
  return words(r.status);
}

/** The title block the Panel reads first; the API takes it until the version is circulated, and re-renders the paper. */
function frameFields(r: Paper): Field[] {
  return [
    { name: 'paperReference', label: 'Reference', value: r.paperReference },
    { name: 'author', label: 'Author', value: r.author },
    { name: 'action', label: 'Action', value: r.action, help: 'e.g. For Decision, For Information' },
    { name: 'purpose', label: 'Purpose', type: 'lines', value: r.purpose },
    { name: 'recommendation', label: 'Recommendation', type: 'lines', value: r.recommendation },
    { name: 'attachments', label: 'Attachments', type: 'lines', value: r.attachments.join('\n'), help: 'One a line' },
  ];
}

function PaperActions({ paper: r, groups, act, onDone }: { paper: Paper; groups: string[]; act: (what: () => Promise<unknown>, done: string) => Promise<void>; onDone: () => void }) {
  const name = `${KIND_NAMES[r.kind]} ${r.period} v${r.version}`;
  if (r.withdrawnAt || r.status !== 'READY') return <span class="none">—</span>;
  const frame = frameFields(r);
  return (
    <div class="actions">
      <ActionForm id={`frame-${r.id}`} label={`Edit the title block of ${name}`} confirm="Save and re-render" fields={frame} onDone={onDone} submit={async (v) => {
        const changed = changedFields(frame, v);
        if ('attachments' in changed) changed.attachments = linesOf(changed.attachments, /\r?\n/) as never;
        await gql(UpdateFrame, { id: r.id, input: changed });
        return 'Title block saved';
      }} />
      <form class="action" aria-label={`Circulate ${name}`} onSubmit={(e) => {
        e.preventDefault();
        const group = (e.currentTarget.elements.namedItem('group') as HTMLSelectElement).value;
        void act(() => gql(Circulate, { id: r.id, group }), `${name} is in the outbox for ${group}`);
      }}>
        <label for={`${r.id}-group`}>Circulate to</label>
        <select id={`${r.id}-group`} name="group">{groups.map((g) => <option value={g}>{g}</option>)}</select>
        <button type="submit" aria-label={`Circulate ${name}`}>Circulate</button>
      </form>
      <form class="action" aria-label={`Withdraw ${name}`} onSubmit={(e) => {
        e.preventDefault();
        const reason = (e.currentTarget.elements.namedItem('reason') as HTMLInputElement).value;
        void act(() => gql(Withdraw, { id: r.id, reason }), `${name} withdrawn`);
      }}>
        <label for={`${r.id}-reason`}>Why withdraw</label>
        <input id={`${r.id}-reason`} name="reason" type="text" required />
        <button type="submit" aria-label={`Withdraw ${name}`}>Withdraw</button>
      </form>
    </div>
  );
}

