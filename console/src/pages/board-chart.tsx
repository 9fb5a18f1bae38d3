import { formatDate, words } from '../format';
import type { SlaStatus } from '../gql/graphql';

const COLOUR: Partial<Record<SlaStatus, string>> = {
  OVERDUE: '#9b1c1c', DUE_SOON: '#8a4b08', ON_TRACK: '#1e5e2f', PAUSED: '#4a5560', AWAITING_ACCEPTANCE: '#1d3b5a',
};

export interface MonthMeasure {
  month: string;
  due: number;
  completedWithinTarget: number;
  percentage?: number | null;
  targetPercentage: number;
}

/**
 * The month's position at a glance: the open assessments by status on the board's day, and the
 * month's Code Performance Measure (assessments due in the month returned within their target,
 * against the target share). Each figure is written beside its bar: nothing needs a hover.
 */
export function BoardChart({ day, counts, measure }: { day: string; counts: ReadonlyArray<readonly [SlaStatus, number]>; measure: MonthMeasure | null }) {
  const most = Math.max(1, ...counts.map(([, n]) => n));
  const row = 30;
  const said = counts.map(([s, n]) => `${words(s)} ${n}`).join(', ');
  const share = measure?.percentage ?? null;
  return (
    <figure class="board-chart">
      <svg viewBox={`0 0 640 ${counts.length * row + 10}`} role="img" aria-label={`Open assessments on ${formatDate(day)}: ${said}`}>
        {counts.map(([status, n], i) => (
          <g>
            <text x={0} y={i * row + 20} font-size="14" fill="#1d2730">{words(status)}</text>
            <rect x={190} y={i * row + 6} width={Math.max((n / most) * 380, n > 0 ? 3 : 0)} height={20} fill={COLOUR[status] ?? '#4a5560'} />
            <text x={196 + (n / most) * 380} y={i * row + 21} font-size="14" fill="#1d2730">{n}</text>
          </g>
        ))}
      </svg>
      {measure && (
        <p class="measure">
          <strong>{measure.month}:</strong> {measure.completedWithinTarget} of {measure.due} assessment{measure.due === 1 ? '' : 's'} due in the month returned within their target
          {share === null ? ' (none due yet)' : ` (${share.toFixed(0)}%; the target is ${measure.targetPercentage.toFixed(0)}%)`}
          {share !== null && (
            <svg viewBox="0 0 400 16" role="presentation" class="measure-bar" aria-hidden="true">
              <rect x={0} y={2} width={400} height={12} fill="#e3e7eb" />
              <rect x={0} y={2} width={(share / 100) * 400} height={12} fill={share >= measure.targetPercentage ? '#1e5e2f' : '#9b1c1c'} />
              <line x1={(measure.targetPercentage / 100) * 400} x2={(measure.targetPercentage / 100) * 400} y1={0} y2={16} stroke="#1d2730" stroke-width="2" />
            </svg>
          )}
        </p>
      )}
      <figcaption>Open assessments by status on {formatDate(day)}</figcaption>
    </figure>
  );
}
