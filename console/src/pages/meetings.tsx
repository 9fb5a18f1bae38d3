import { useEffect, useState } from 'preact/hooks';
import { gql, problemOf, type Identity } from '../api';
import { ActionForm, linesOf, useFocusOnToggle } from '../action-form';
import { formatDate, words } from '../format';
import { graphql } from '../gql';
import type { MeetingBody, MeetingsQuery } from '../gql/graphql';
import { StrikeOutForm } from '../strike-out';
import { DaysForm } from '../days-form';

const Meetings = graphql(`
  query Meetings($from: LocalDate, $to: LocalDate) {
    meetings(from: $from, to: $to) {
      id body date title number agendaDeadline papersDeadline cancelledOn cancellationReason note
      agenda { reference }
    }
  }
`);
const Reschedule = graphql(`mutation Reschedule($id: ID!, $date: LocalDate!, $note: String) { rescheduleMeeting(id: $id, date: $date, note: $note) { id } }`);
const Cancel = graphql(`mutation Cancel($id: ID!, $reason: String!) { cancelMeeting(id: $id, reason: $reason) { id } }`);
const Schedule = graphql(`mutation Schedule($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`);
const SetAgenda = graphql(`mutation SetAgenda($id: ID!, $references: [String!]!) { setAgenda(meetingId: $id, references: $references) { id } }`);
const PlanWorkingGroups = graphql(`mutation PlanWorkingGroups($year: Int!) { scheduleWorkingGroups(year: $year) { id } }`);
const BODIES: MeetingBody[] = ['PANEL', 'WORKING_GROUP', 'CHANGE_BOARD', 'CHANGE_SUB_COMMITTEE', 'OPERATIONS_GROUP', 'SECURITY_SUB_COMMITTEE', 'TABASC'];
const Subscribe = graphql(`mutation Subscribe($name: String!) { createCalendarFeed(name: $name) { url } }`);

type Meeting = MeetingsQuery['meetings'][number];

/**
 * Meetings and their deadlines (agenda and papers, in Working Days before the meeting) over a
 * span of days; SECAS moves or calls one off, and the deadlines move with it. Any reader may
 * subscribe to the calendar feed.
 */
export function MeetingsPage({ url, who }: { url: URL; who: Identity }) {
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [feed, setFeed] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const admin = who.role === 'ADMIN';
  useEffect(() => {
    document.title = 'Meetings · SEC modification tracker';
    gql(Meetings, { from: from || null, to: to || null }).then((r) => (setMeetings(r.meetings), setProblem(null)), (err) => setProblem(problemOf(err)));
  }, [from, to, version]);

  return (
    <>
      <h1>Meetings and deadlines</h1>
      <DaysForm path="/meetings" label="Which meetings" from={from} to={to}>
        <button type="button" class="secondary" onClick={async () => {
          try {
            setFeed((await gql(Subscribe, { name: `${who.name}: meetings and deadlines` })).createCalendarFeed.url);
          } catch (err) {
            setProblem(problemOf(err));
          }
        }}>Subscribe in a calendar</button>
      </DaysForm>
      {admin && (
        <div class="keeping">
          <ActionForm id="schedule" label="Schedule a meeting" confirm="Schedule it" onDone={() => setVersion((v) => v + 1)} fields={[
            { name: 'body', label: 'Body', type: 'select', options: BODIES.map((b) => [b, words(b)] as const), required: true },
            { name: 'date', label: 'Date', type: 'date', required: true },
            { name: 'title', label: 'Title (optional)', help: 'e.g. SEC Panel 92' },
            { name: 'number', label: 'Number (optional)', type: 'number', help: "A Panel's number, e.g. 92" },
            { name: 'agenda', label: 'Agenda (optional)', help: 'References separated by ;' },
          ]} submit={async (v) => {
            await gql(Schedule, { input: {
              body: v.body as MeetingBody, date: String(v.date), title: String(v.title) || null,
              number: v.number === '' ? null : Number(v.number), agenda: linesOf(v.agenda),
            } });
            return 'Scheduled';
          }} />
          <ActionForm id="working-groups" label="Plan a year of Working Groups" confirm="Plan them" onDone={() => setVersion((v) => v + 1)} fields={[
            { name: 'year', label: 'Year', type: 'number', value: String(new Date().getFullYear() + 1), required: true, help: 'One on the first Wednesday of each month that is a Working Day' },
          ]} submit={async (v) => `${(await gql(PlanWorkingGroups, { year: Number(v.year) })).scheduleWorkingGroups.length} Working Groups planned`} />
        </div>
      )}
      {feed && <p class="notice" role="status">Your calendar feed: <a href={feed}>{feed}</a> (add it to a calendar by its address; it is yours alone).</p>}
      {problem && <p class="problem" role="alert">{problem}</p>}
      {meetings && (meetings.length === 0 ? <p class="none">No meeting in these days.</p> : (
        <table>
          <caption class="visually-hidden">Meetings with their agenda and papers deadlines</caption>
          <thead><tr>
            <th scope="col">Meeting</th><th scope="col">Date</th><th scope="col">Agenda by</th><th scope="col">Papers by</th><th scope="col">Agenda</th>
            {admin && <th scope="col">Actions</th>}
          </tr></thead>
          <tbody>
            {meetings.map((m) => (
              <tr>
                <th scope="row">{m.title ?? words(m.body)}{m.cancelledOn ? ` (called off: ${m.cancellationReason ?? ''})` : ''}</th>
                <td>{formatDate(m.date)}</td>
                <td>{formatDate(m.agendaDeadline)}</td>
                <td>{formatDate(m.papersDeadline)}</td>
                <td>{m.agenda.map((a) => a.reference).join(', ') || '—'}</td>
                {admin && <td>{m.cancelledOn ? '—' : <MeetingActions meeting={m} onDone={() => setVersion((v) => v + 1)} onProblem={setProblem} />}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

function MeetingActions({ meeting: m, onDone, onProblem }: { meeting: Meeting; onDone: () => void; onProblem: (p: string) => void }) {
  const [open, setOpen] = useState<'move' | 'cancel' | null>(null);
  const focus = useFocusOnToggle(open !== null);
  const name = `${m.title ?? words(m.body)} on ${formatDate(m.date)}`;
  if (!open) {
    return (
      <div class="actions" ref={focus.button as preact.RefObject<HTMLDivElement>}>
        <button type="button" class="small" aria-label={`Move ${name}`} onClick={() => setOpen('move')}>Move</button>
        <button type="button" class="small" aria-label={`Call off ${name}`} onClick={() => setOpen('cancel')}>Call off</button>
        <ActionForm id={`agenda-${m.id}`} label={`Set the agenda of ${name}`} confirm="Set the agenda" onDone={onDone} fields={[
          { name: 'references', label: 'Proposals, in order', value: m.agenda.map((a) => a.reference).join('; '), help: 'References separated by ;' },
        ]} submit={async (v) => (await gql(SetAgenda, { id: m.id, references: linesOf(v.references) }), 'Agenda set')} />
        <StrikeOutForm id={m.id} kind="MEETING" name={name} onDone={onDone} />
      </div>
    );
  }
  return (
    <form ref={focus.form} class="action" aria-label={`${open === 'move' ? 'Move' : 'Call off'} ${name}`} onSubmit={async (e) => {
      e.preventDefault();
      const form = e.currentTarget.elements;
      const text = (form.namedItem('text') as HTMLInputElement).value;
      try {
        if (open === 'move') await gql(Reschedule, { id: m.id, date: (form.namedItem('date') as HTMLInputElement).value, note: text || null });
        else await gql(Cancel, { id: m.id, reason: text });
        setOpen(null);
        onDone();
      } catch (err) {
        onProblem(problemOf(err));
      }
    }}>
      {open === 'move' && <><label for={`${m.id}-date`}>New date</label><input id={`${m.id}-date`} name="date" type="date" value={m.date} required /></>}
      <label for={`${m.id}-text`}>{open === 'move' ? 'Why (optional)' : 'Why'}</label>
      <input id={`${m.id}-text`} name="text" type="text" required={open === 'cancel'} />
      <button type="submit">{open === 'move' ? 'Confirm: move' : 'Confirm: call off'}</button>
      <button type="button" class="secondary" onClick={() => setOpen(null)}>Cancel</button>
    </form>
  );
}

