import { useState } from 'preact/hooks';
import { gql, problemOf } from '../api';
import { useFocusOnToggle } from '../action-form';
import { graphql } from '../gql';
import type { BoardAssessment } from './board';

const Accept = graphql(`mutation Accept($id: ID!, $on: LocalDate!) { acceptAssessment(id: $id, acceptedOn: $on) { id } }`);
const Pause = graphql(`mutation Pause($id: ID!, $on: LocalDate!, $reason: String!) { pauseAssessment(id: $id, from: $on, reason: $reason) { id } }`);
const Resume = graphql(`mutation Resume($id: ID!, $on: LocalDate!) { resumeAssessment(id: $id, on: $on) { id } }`);
const Return = graphql(`mutation Return($id: ID!, $on: LocalDate!) { returnAssessment(id: $id, returnedOn: $on) { id } }`);
const Revise = graphql(`mutation Revise($id: ID!, $on: LocalDate!, $commentary: String) { setExpectedCompletion(id: $id, expectedCompletionOn: $on, commentary: $commentary) { id } }`);

type Action = 'accept' | 'pause' | 'resume' | 'revise' | 'return';
const LABEL: Record<Action, string> = { accept: 'Accept', pause: 'Pause', resume: 'Resume', revise: 'Revise expected completion', return: 'Return' };
const DAY_LABEL: Record<Action, string> = { accept: 'Accepted on', pause: 'Paused from', resume: 'Resumed on', revise: 'Expected on', return: 'Returned on' };

/** What can be done to an assessment as it stands: the API decides; these are the moves it allows. */
function actionsFor(a: BoardAssessment): Action[] {
  if (!a.acceptedOn) return ['accept'];
  const paused = a.pauses.some((p) => p.to === null);
  return paused ? ['resume', 'revise'] : ['pause', 'revise', 'return'];
}

/**
 * An assessment's actions: one click opens the action with its day set to the board's day, a
 * second confirms. A refusal is shown in the API's own words; a success redraws the board.
 */
export function AssessmentActions({ assessment: a, day, onDone }: { assessment: BoardAssessment; day: string; onDone: () => void }) {
  const [open, setOpen] = useState<Action | null>(null);
  const focus = useFocusOnToggle(open !== null);
  const [problem, setProblem] = useState<string | null>(null);
  const name = `${a.modification.reference} ${a.type === 'IMPACT' ? 'IA' : 'PA'}`;
  if (!open) {
    return (
      <div class="actions" ref={focus.button as preact.RefObject<HTMLDivElement>}>
        {actionsFor(a).map((action) => (
          <button type="button" class="small" aria-label={`${LABEL[action]} ${name}`} onClick={() => (setOpen(action), setProblem(null))}>{LABEL[action]}</button>
        ))}
      </div>
    );
  }
  const id = `${a.id}-${open}`;
  return (
    <form ref={focus.form} class="action" aria-label={`${LABEL[open]} ${name}`} onSubmit={async (e) => {
      e.preventDefault();
      const form = e.currentTarget.elements;
      const on = (form.namedItem('on') as HTMLInputElement).value;
      const text = (form.namedItem('text') as HTMLInputElement | null)?.value ?? '';
      try {
        if (open === 'accept') await gql(Accept, { id: a.id, on });
        if (open === 'pause') await gql(Pause, { id: a.id, on, reason: text });
        if (open === 'resume') await gql(Resume, { id: a.id, on });
        if (open === 'return') await gql(Return, { id: a.id, on });
        if (open === 'revise') await gql(Revise, { id: a.id, on, commentary: text || null });
        setOpen(null);
        onDone();
      } catch (err) {
        setProblem(problemOf(err));
      }
    }}>
      <label for={`${id}-on`}>{DAY_LABEL[open]}</label>
      <input id={`${id}-on`} name="on" type="date" value={open === 'revise' ? (a.expectedCompletionOn ?? day) : day} required />
      {(open === 'pause' || open === 'revise') && (
        <>
          <label for={`${id}-text`}>{open === 'pause' ? 'Why' : 'Commentary'}</label>
          <input id={`${id}-text`} name="text" type="text" required={open === 'pause'} />
        </>
      )}
      {problem && <p class="problem" role="alert">{problem}</p>}
      <button type="submit">Confirm: {LABEL[open].toLowerCase()}</button>
      <button type="button" class="secondary" onClick={() => setOpen(null)}>Cancel</button>
    </form>
  );
}
