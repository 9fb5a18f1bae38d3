import { useEffect, useState } from 'preact/hooks';
import { ActionForm, changedFields, type Field } from '../action-form';
import { gql, type Identity, problemOf } from '../api';
import { formatDate, words } from '../format';
import { graphql } from '../gql';
import type { ConsultationsAndReleasesQuery, ReleaseKind } from '../gql/graphql';
import { Link } from '../router';
import { StrikeOutForm } from '../strike-out';
import { DaysForm } from '../days-form';

const ConsultationsAndReleases = graphql(`
  query ConsultationsAndReleases($from: LocalDate, $to: LocalDate) {
    consultations(from: $from, to: $to) { id kind opensOn closesOn note modification { reference title } }
    releases { id name kind releaseDate modificationReportDeadline modifications { reference } }
  }
`);
const CorrectWindow = graphql(`mutation CorrectWindow($id: ID!, $input: UpdateConsultationInput!) { updateConsultation(id: $id, input: $input) { id } }`);
const CreateRelease = graphql(`mutation CreateRelease($input: ReleaseInput!) { createRelease(input: $input) { id } }`);
const UpdateRelease = graphql(`mutation UpdateRelease($name: String!, $input: UpdateReleaseInput!) { updateRelease(name: $name, input: $input) { id } }`);

type Release = ConsultationsAndReleasesQuery['releases'][number];
const KINDS: ReleaseKind[] = ['SCHEDULED', 'STANDALONE'];

function releaseFields(r?: Release): Field[] {
  return [
    { name: 'name', label: 'Name', value: r?.name, required: true, help: 'e.g. June 2022 SEC Release' },
    { name: 'kind', label: 'Kind', type: 'select', options: KINDS.map((k) => [k, words(k)] as const), value: r?.kind, required: true },
    { name: 'releaseDate', label: 'Release date', type: 'date', value: r?.releaseDate },
    { name: 'modificationReportDeadline', label: 'Modification Report to the Panel by', type: 'date', value: r?.modificationReportDeadline },
  ];
}

/**
 * Consultation windows over a span of days (each with its proposal) and the SEC releases with
 * their deadlines; SECAS corrects a window, adds a release or corrects one.
 */
export function ConsultationsPage({ url, who }: { url: URL; who: Identity }) {
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  const [answer, setAnswer] = useState<ConsultationsAndReleasesQuery | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reread = () => setVersion((v) => v + 1);
  const admin = who.role === 'ADMIN';
  useEffect(() => {
    document.title = 'Consultations and releases · SEC modification tracker';
    gql(ConsultationsAndReleases, { from: from || null, to: to || null }).then((r) => (setAnswer(r), setProblem(null)), (err) => setProblem(problemOf(err)));
  }, [from, to, version]);

  return (
    <>
      <h1>Consultations and releases</h1>
      <h2>Consultations</h2>
      <DaysForm path="/consultations" label="Which consultations" from={from} to={to} fromLabel="Open on or after" toLabel="Until" />
      {problem && <p class="problem" role="alert">{problem}</p>}
      {answer && (answer.consultations.length === 0 ? <p class="none">No consultation in these days.</p> : (
        <table>
          <caption class="visually-hidden">Consultation windows</caption>
          <thead><tr><th scope="col">Proposal</th><th scope="col">Consultation</th><th scope="col">Opens</th><th scope="col">Closes</th><th scope="col">Note</th>{admin && <th scope="col">Actions</th>}</tr></thead>
          <tbody>{answer.consultations.map((c) => {
            const fields: Field[] = [
              { name: 'opensOn', label: 'Opens on', type: 'date', value: c.opensOn, required: true },
              { name: 'closesOn', label: 'Closes on', type: 'date', value: c.closesOn },
              { name: 'note', label: 'Note', value: c.note },
            ];
            return (
              <tr>
                <th scope="row"><Link href={`/proposals/${encodeURIComponent(c.modification.reference)}`}>{c.modification.reference}</Link></th>
                <td>{words(c.kind)}</td>
                <td>{formatDate(c.opensOn)}</td>
                <td>{formatDate(c.closesOn)}</td>
                <td>{c.note ?? '—'}</td>
                {admin && <td><ActionForm id={`window-${c.id}`} label={`Correct the window of ${c.modification.reference}'s ${words(c.kind).toLowerCase()} consultation`} confirm="Save the window"
                  fields={fields} onDone={reread} submit={async (v) => (await gql(CorrectWindow, { id: c.id, input: changedFields(fields, v) }), 'Corrected')} /></td>}
              </tr>
            );
          })}</tbody>
        </table>
      ))}
      <h2>Releases</h2>
      {admin && <ActionForm id="release" label="Add a release" confirm="Add it" fields={releaseFields()} onDone={reread} submit={async (v) => {
        await gql(CreateRelease, { input: {
          name: String(v.name), kind: v.kind as ReleaseKind, releaseDate: String(v.releaseDate) || null, modificationReportDeadline: String(v.modificationReportDeadline) || null,
        } });
        return 'Added';
      }} />}
      {answer && (
        <table>
          <caption class="visually-hidden">SEC releases</caption>
          <thead><tr><th scope="col">Release</th><th scope="col">Kind</th><th scope="col">Release date</th><th scope="col">Modification Report by</th><th scope="col">Proposals</th>{admin && <th scope="col">Actions</th>}</tr></thead>
          <tbody>{answer.releases.map((r) => {
            const fields = releaseFields(r);
            return (
              <tr>
                <th scope="row">{r.name}</th>
                <td>{words(r.kind)}</td>
                <td>{formatDate(r.releaseDate)}</td>
                <td>{formatDate(r.modificationReportDeadline)}</td>
                <td>{r.modifications.length === 0 ? '—' : r.modifications.map((m, i) => <>{i > 0 && ', '}<Link href={`/proposals/${encodeURIComponent(m.reference)}`}>{m.reference}</Link></>)}</td>
                {admin && <td><ActionForm id={`release-${r.id}`} label={`Correct ${r.name}`} confirm="Save the release" fields={fields} onDone={reread}
                  submit={async (v) => (await gql(UpdateRelease, { name: r.name, input: changedFields(fields, v) as never }), 'Corrected')} />
                  <StrikeOutForm id={r.id} kind="RELEASE" name={r.name} onDone={reread} /></td>}
              </tr>
            );
          })}</tbody>
        </table>
      )}
    </>
  );
}
