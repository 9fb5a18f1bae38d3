import { useEffect, useState } from 'preact/hooks';
import { gql, problemOf } from '../api';
import { formatDate, today, words } from '../format';
import { graphql } from '../gql';
import type { DigestPreviewQuery, DigestSection, MailQuery, MessageState } from '../gql/graphql';
import { ActionForm, changedFields, type Field, linesOf } from '../action-form';

const Mail = graphql(`
  query Mail($state: MessageState) {
    messages(state: $state, first: 100) { edges { node { id kind group subject day state attempts lastError sentAt recipients } } }
    recipientGroups { id version name addresses sections enabled }
  }
`);
const ConfirmSent = graphql(`mutation ConfirmSent($id: ID!) { confirmMessageSent(id: $id) { id state } }`);
const Resend = graphql(`mutation Resend($id: ID!) { resendMessage(id: $id) { id state } }`);
const CreateGroup = graphql(`mutation CreateGroup($input: CreateRecipientGroupInput!) { createRecipientGroup(input: $input) { id } }`);
const UpdateGroup = graphql(`mutation UpdateGroup($name: String!, $input: UpdateRecipientGroupInput!) { updateRecipientGroup(name: $name, input: $input) { id } }`);
const SECTIONS: DigestSection[] = ['ASSESSMENTS', 'CHANGES', 'MEETING_DEADLINES', 'CONSULTATIONS', 'REFINEMENT', 'CHANGE_STATUS_REPORT', 'MODIFICATION_TIMETABLES'];

type Group = MailQuery['recipientGroups'][number];

/** A group's addresses and what its digest carries, as the form shows them (the group's values filled in). */
function groupFields(g?: Group): Field[] {
  return [
    ...(g ? [] : [{ name: 'name', label: 'Name', required: true, help: 'e.g. DCC' }]),
    { name: 'addresses', label: 'Addresses, one a line', type: 'lines', value: g?.addresses.join('\n'), required: true },
    { name: 'sections', label: 'The digest carries', type: 'choices', options: SECTIONS.map((s) => [s, words(s)] as const), value: (g?.sections ?? SECTIONS).join(';') },
    { name: 'enabled', label: 'Sent to', type: 'checkbox', value: g?.enabled ?? true },
  ];
}

const Preview = graphql(`
  query DigestPreview($group: String!, $day: LocalDate!) {
    digestPreview(group: $group, day: $day) { wouldSend subject reason text html }
  }
`);

const STATES: MessageState[] = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'IN_DOUBT'];

/**
 * Mail (SECAS): the outbox (what was sent, what is retrying, what failed, with a resend for a
 * failed or doubtful one), each group's digest for any day previewed without sending, and the
 * recipient groups.
 */
export function MailPage({ url }: { url: URL }) {
  const state = (url.searchParams.get('state') ?? '') as MessageState | '';
  const [answer, setAnswer] = useState<MailQuery | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [preview, setPreview] = useState<DigestPreviewQuery['digestPreview'] | null>(null);
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  useEffect(() => {
    document.title = 'Mail · SEC modification tracker';
    gql(Mail, { state: state || null }).then((r) => (setAnswer(r), setProblem(null)), (err) => setProblem(problemOf(err)));
  }, [state, version]);

  return (
    <>
      <h1>Mail</h1>
      {problem && <p class="problem" role="alert">{problem}</p>}
      {notice && <p role="status">{notice}</p>}
      <h2>Outbox</h2>
      <form class="filters" aria-label="Which messages" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label for="state">State</label>
          <select id="state" value={state} onChange={(e) => {
            const next = new URL(url.href);
            if (e.currentTarget.value) next.searchParams.set('state', e.currentTarget.value);
            else next.searchParams.delete('state');
            history.replaceState(null, '', next.pathname + next.search);
            dispatchEvent(new PopStateEvent('popstate'));
          }}>
            <option value="">Every state</option>
            {STATES.map((s) => <option value={s}>{words(s)}</option>)}
          </select>
        </div>
      </form>
      {answer && (answer.messages.edges.length === 0 ? <p class="none">No message{state ? ` is ${words(state).toLowerCase()}` : ''}.</p> : (
        <table>
          <caption class="visually-hidden">Messages, newest first</caption>
          <thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">Day</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col">Resend</th></tr></thead>
          <tbody>
            {answer.messages.edges.map(({ node: m }) => (
              <tr>
                <th scope="row">{m.subject}</th>
                <td>{m.group}</td>
                <td>{formatDate(m.day)}</td>
                <td>{words(m.state)}</td>
                <td>{m.attempts}</td>
                <td>{m.lastError ?? '—'}</td>
                <td>{m.state === 'FAILED' || m.state === 'IN_DOUBT' ? (
                  <button type="button" class="small" aria-label={`Resend ${m.subject} to ${m.group}`} onClick={async () => {
                    try {
                      await gql(Resend, { id: m.id });
                      setNotice(`"${m.subject}" queued again for ${m.group}`);
                      setVersion((v) => v + 1);
                    } catch (err) {
                      setProblem(problemOf(err));
                    }
                  }}>Resend</button>
                ) : '—'}
                {m.state === 'IN_DOUBT' && (
                  // Its recipients say it arrived: settled as sent, it is never sent again.
                  <button type="button" class="small secondary" aria-label={`${m.subject} to ${m.group} arrived: mark it sent`} onClick={async () => {
                    try {
                      await gql(ConfirmSent, { id: m.id });
                      setNotice(`"${m.subject}" to ${m.group} marked sent`);
                      setVersion((v) => v + 1);
                    } catch (err) {
                      setProblem(problemOf(err));
                    }
                  }}>It arrived: mark sent</button>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <h2>Digest preview</h2>
      <form class="filters" aria-label="Preview a digest" onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget.elements;
        try {
          setPreview((await gql(Preview, { group: (form.namedItem('group') as HTMLSelectElement).value, day: (form.namedItem('day') as HTMLInputElement).value })).digestPreview);
          setProblem(null);
        } catch (err) {
          setProblem(problemOf(err));
        }
      }}>
        <div>
          <label for="group">Group</label>
          <select id="group" name="group">{answer?.recipientGroups.map((g) => <option value={g.name}>{g.name}</option>)}</select>
        </div>
        <div><label for="day">Day</label><input id="day" name="day" type="date" defaultValue={today()} required /></div>
        <button type="submit">Preview, without sending</button>
      </form>
      {preview && (preview.wouldSend && preview.text ? (
        <section aria-label="The digest as it would be sent">
          <p><strong>Subject:</strong> {preview.subject}</p>
          {preview.html && <EmailFrame html={preview.html} title={`The HTML part of ${preview.subject ?? 'the digest'}`} />}
          <details>
            <summary>Its text part (as a mail client shows it without HTML)</summary>
            <pre class="preview">{preview.text}</pre>
          </details>
        </section>
      ) : <p class="none">Nothing would be sent: {preview.reason ?? 'nothing to say'}.</p>)}
      <h2>Recipient groups</h2>
      <ActionForm id="new-group" label="Add a recipient group" confirm="Add the group" fields={groupFields()} onDone={refresh} submit={async (v) => {
        await gql(CreateGroup, { input: { name: String(v.name), addresses: linesOf(v.addresses), sections: linesOf(v.sections) as DigestSection[], enabled: Boolean(v.enabled) } });
        return 'Added';
      }} />
      {answer && (
        <table>
          <caption class="visually-hidden">Recipient groups</caption>
          <thead><tr><th scope="col">Group</th><th scope="col">Addresses</th><th scope="col">Receives</th><th scope="col">Enabled</th><th scope="col">Actions</th></tr></thead>
          <tbody>{answer.recipientGroups.map((g) => {
            const fields = groupFields(g);
            return (
              <tr>
                <th scope="row">{g.name}</th><td>{g.addresses.join(', ')}</td><td>{g.sections.map(words).join(', ')}</td><td>{g.enabled ? 'Yes' : 'No'}</td>
                <td><ActionForm id={`group-${g.id}`} label={`Change ${g.name}`} confirm="Save the group" fields={fields} onDone={refresh} submit={async (v) => {
                  const changed = changedFields(fields, v);
                  const input: Record<string, unknown> = { expectedVersion: g.version };
                  if ('addresses' in changed) input.addresses = linesOf(changed.addresses);
                  if ('sections' in changed) input.sections = linesOf(changed.sections);
                  if ('enabled' in changed) input.enabled = Boolean(changed.enabled);
                  await gql(UpdateGroup, { name: g.name, input });
                  return 'Saved';
                }} /></td>
              </tr>
            );
          })}</tbody>
        </table>
      )}
    </>
  );
}


/**
 * An email's HTML as a mail client would show it: in a sandboxed frame of this service's (its own
 * policy lets the email's styles apply and nothing run or load), handed the HTML once it has loaded.
 */
function EmailFrame({ html, title }: { html: string; title: string }) {
  return (
    <iframe key={html} class="email" title={title} sandbox="allow-scripts" src="/console/preview-frame"
      onLoad={(e) => e.currentTarget.contentWindow?.postMessage(html, '*')} />
  );
}
