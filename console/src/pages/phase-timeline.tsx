import { formatDate, words } from '../format';

interface Step {
  to: string;
  on: string;
}

/** Each phase its own colour, each with 4.5:1 or more against white text. */
const COLOUR: Record<string, string> = {
  DEFINE: '#4a5560', REFINE: '#1d3b5a', OPINE: '#6b3fa0', DECIDE: '#8a4b08',
  APPROVED: '#1e5e2f', IMPLEMENTED: '#0f4c3a', REJECTED: '#9b1c1c', WITHDRAWN: '#5c5c5c',
};

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * A proposal's phases as a picture: one band from the day it entered each phase to the next
 * (the last to `until`), its width the time spent there. The same facts are in the phase history
 * table below it; the picture's text alternative says them in a sentence.
 */
export function PhaseTimeline({ history, until }: { history: readonly Step[]; until: string }) {
  const steps = [...history].sort((a, b) => a.on.localeCompare(b.on));
  if (steps.length === 0) return null;
  const start = dayNumber(steps[0]!.on);
  const end = Math.max(dayNumber(until), dayNumber(steps[steps.length - 1]!.on) + 1);
  const width = 800;
  const x = (day: string) => ((dayNumber(day) - start) / (end - start)) * width;
  const bands = steps.map((s, i) => ({ phase: s.to, on: s.on, x0: x(s.on), x1: i + 1 < steps.length ? x(steps[i + 1]!.on) : width }));
  const said = steps.map((s) => `${words(s.to)} from ${formatDate(s.on)}`).join('; ');
  return (
    <figure class="timeline">
      <svg viewBox={`0 0 ${width} 64`} role="img" aria-label={`Phases: ${said}`}>
        {bands.map((b) => (
          <g>
            <rect x={b.x0} y={0} width={Math.max(b.x1 - b.x0, 2)} height={36} fill={COLOUR[b.phase] ?? '#4a5560'} />
            {b.x1 - b.x0 > 70 && <text x={b.x0 + 6} y={23} fill="#fff" font-size="14">{words(b.phase)}</text>}
            {(b.x1 - b.x0 > 80 || b === bands[0]) && <text x={b.x0 + 2} y={56} fill="#1d2730" font-size="12">{formatDate(b.on).replace(/^\w+ /, '')}</text>}
          </g>
        ))}
      </svg>
      <figcaption>Phases from {formatDate(steps[0]!.on)} to {formatDate(until)}</figcaption>
    </figure>
  );
}
