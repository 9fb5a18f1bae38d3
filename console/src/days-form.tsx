import type { ComponentChildren } from 'preact';
import { navigate } from './router';

/**
 * Which days a page shows, kept in its address (`?from=…&to=…`, either left out for no bound), so
 * that the span can be bookmarked and shared. `children`: more of the form's buttons.
 */
export function DaysForm({ path, label, from, to, fromLabel = 'From', toLabel = 'To', children }: {
  path: string; label: string; from: string; to: string; fromLabel?: string; toLabel?: string; children?: ComponentChildren;
}) {
  return (
    <form class="filters" aria-label={label} onSubmit={(e) => {
      e.preventDefault();
      const form = e.currentTarget.elements;
      const f = (form.namedItem('from') as HTMLInputElement).value;
      const t = (form.namedItem('to') as HTMLInputElement).value;
      navigate(`${path}?${new URLSearchParams({ ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) })}`);
    }}>
      <div><label for="from">{fromLabel}</label><input id="from" name="from" type="date" value={from} /></div>
      <div><label for="to">{toLabel}</label><input id="to" name="to" type="date" value={to} /></div>
      <button type="submit">Show</button>
      {children}
    </form>
  );
}
