import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { problemOf } from './api';

/** One input of an action's form. Its value starts as the register has it (blank for a new fact). */
export interface Field {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'month' | 'number' | 'select' | 'choices' | 'lines' | 'checkbox';
  value?: string | boolean | null;
  /** For a select or choices: [value, words] pairs. Choices' value is the chosen values joined by ";". */
  options?: ReadonlyArray<readonly [string, string]>;
  required?: boolean;
  help?: string;
}

export type Values = Record<string, string | boolean>;

/**
 * What a form asks of the API, as its variables: a field left as the register has it is not sent
 * (a correction changes only what was changed), and a blank text is null only where it was not blank.
 */
export function changedFields(fields: readonly Field[], values: Values): Record<string, string | boolean | null> {
  const changed: Record<string, string | boolean | null> = {};
  for (const f of fields) {
    const before = f.value ?? (f.type === 'checkbox' ? false : '');
    const after = values[f.name]!;
    if (after === before) continue;
    changed[f.name] = after === '' ? null : after;
  }
  return changed;
}

/** A text of one item a line or between semicolons (tasks, references) as the list the API takes; `lines` for items that may hold a semicolon. */
export const linesOf = (text: string | boolean | null | undefined, separator: RegExp = /\r?\n|;/): string[] =>
  String(text ?? '').split(separator).map((line) => line.trim()).filter(Boolean);

/**
 * An action on the register behind a button: the button opens its form (the register's values
 * filled in), the form's own button confirms. A refusal is shown in the API's words and the form
 * stays open with what was typed; a success says what was done and redraws the page.
 */
export function ActionForm({ label, confirm, fields, submit, onDone, id }: {
  /** The button's words, which name the action and its record: "Correct MP107 IA". */
  label: string;
  confirm: string;
  fields: readonly Field[];
  submit: (values: Values) => Promise<string>;
  onDone: () => void;
  /** Unique on the page: the inputs' ids grow from it. */
  id: string;
}) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const focus = useFocusOnToggle(open);
  if (!open) {
    return (
      <span class="action-button">
        <button ref={focus.button as preact.RefObject<HTMLButtonElement>} type="button" class="small" onClick={() => (setOpen(true), setProblem(null), setDone(null))}>{label}</button>
        {done && <span role="status"> {done}</span>}
      </span>
    );
  }
  return (
    <form ref={focus.form} class="action" aria-label={label} onSubmit={async (e) => {
      e.preventDefault();
      const form = e.currentTarget.elements;
      const values: Values = {};
      for (const f of fields) {
        const input = form.namedItem(f.name) as HTMLInputElement;
        values[f.name] = f.type === 'checkbox' ? input.checked
          : f.type === 'choices' ? f.options!.filter(([value]) => (form.namedItem(`${f.name}:${value}`) as HTMLInputElement).checked).map(([value]) => value).join(';')
          : input.value.trim();
      }
      setBusy(true);
      try {
        setDone(await submit(values));
        setOpen(false);
        onDone();
      } catch (err) {
        setProblem(problemOf(err));
      } finally {
        setBusy(false);
      }
    }}>
      {fields.map((f) => <FieldInput field={f} id={`${id}-${f.name}`} />)}
      {problem && <p class="problem" role="alert">{problem}</p>}
      <div class="actions">
        <button type="submit" disabled={busy}>{confirm}</button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}

/** A month is typed as YYYY-MM: Firefox and Safari have no month picker, and the API reads that form. */
const inputType = (f: Field) => (f.type === 'month' || !f.type ? 'text' : f.type) as 'text';

/**
 * Where a keyboard user's focus goes when an action opens and closes: into the form's first field
 * (the button that opened it is gone), and back to that button after (not lost to the page's top).
 */
export function useFocusOnToggle(open: boolean) {
  // The button that opens the action, or the group of buttons one of which did.
  const button = useRef<HTMLElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const wasOpen = useRef(false);
  // Before the browser paints: a key pressed at once lands where the focus was put.
  useLayoutEffect(() => {
    if (open) form.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    else if (wasOpen.current) (button.current?.matches('button') ? button.current : button.current?.querySelector('button'))?.focus();
    wasOpen.current = open;
  }, [open]);
  return { button, form };
}

/**
 * One field, uncontrolled: it starts at the register's value and then holds what the person typed,
 * through a refusal and the redraw it brings (a controlled field would be reset to the register's).
 */
function FieldInput({ field: f, id }: { field: Field; id: string }) {
  const help = f.help ? <span class="help" id={`${id}-help`}>{f.help}</span> : null;
  const described = f.help ? `${id}-help` : undefined;
  if (f.type === 'choices') {
    const chosen = new Set(linesOf(f.value));
    return (
      <fieldset aria-describedby={described}>
        <legend>{f.label}</legend>
        {f.options!.map(([value, words]) => (
          <div class="check">
            <input id={`${id}-${value}`} name={`${f.name}:${value}`} type="checkbox" defaultChecked={chosen.has(value)} />
            <label for={`${id}-${value}`}>{words}</label>
          </div>
        ))}
        {help}
      </fieldset>
    );
  }
  if (f.type === 'checkbox') {
    return (
      <div class="check">
        <input id={id} name={f.name} type="checkbox" defaultChecked={Boolean(f.value)} aria-describedby={described} />
        <label for={id}>{f.label}</label>
        {help}
      </div>
    );
  }
  return (
    <div>
      <label for={id}>{f.label}</label>
      {f.type === 'select' ? (
        <select id={id} name={f.name} required={f.required} aria-describedby={described}>
          {!f.required && <option value="">—</option>}
          {f.options!.map(([value, words]) => <option value={value} selected={value === f.value}>{words}</option>)}
        </select>
      ) : f.type === 'lines' ? (
        <textarea id={id} name={f.name} rows={4} required={f.required} aria-describedby={described}>{String(f.value ?? '')}</textarea>
      ) : (
        <input id={id} name={f.name} type={inputType(f)} defaultValue={String(f.value ?? '')} required={f.required} aria-describedby={described}
          step={f.type === 'number' ? 'any' : undefined} placeholder={f.type === 'month' ? 'YYYY-MM' : undefined} />
      )}
      {help}
    </div>
  );
}
