/**
 * A chart's legend in HTML, below the plot: each series' line, marker or bar pattern drawn small next to its
 * name, and a button that shows or hides the series (pressed = shown; a hidden one is also struck through, so
 * the state is not told by colour or opacity alone).
 *
 * Why not plotly's own legend: plotly redraws its legend on every update of the chart, ~6 ms of the main thread
 * per chart and slider step here (about a quarter of a chart's redraw), for text that
 * never changes while a slider moves; React leaves this one alone. It is also keyboard-operable and wraps on a
 * phone. Exported images get plotly's legend (Chart.tsx), so a saved PNG stands alone. A heatmap drawn as an
 * image has no plotly colour bar on the page: its scale is listed here, with the values at its ends.
 */
import { formatNumber } from '../../engine/format';
import { useT } from '../i18n';
import { legendEntries, type LegendEntry } from './legend';
import type { Figure } from './figures';
import { heatmapRange, heatmapScale } from './heatmap-scale';

export function ChartLegend({
  figure,
  hidden,
  onToggle,
}: {
  figure: Figure;
  hidden: ReadonlySet<string>;
  onToggle: (name: string) => void;
}) {
  const t = useT();
  const entries = legendEntries(figure);
  const scale = figure.heatmap?.image ? figure.heatmap : undefined;
  if (entries.length === 0 && !scale) return null;
  return (
    <ul className="legend" aria-label={t('chart.legend', { title: figure.title })}>
      {scale && <ScaleEntry heatmap={scale} />}
      {entries.map((entry) => (
        <li key={entry.name}>
          <button
            type="button"
            aria-pressed={!hidden.has(entry.name)}
            title={t(hidden.has(entry.name) ? 'chart.legendShow' : 'chart.legendHide')}
            onClick={() => onToggle(entry.name)}
          >
            <Swatch entry={entry} />
            {entry.name}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** A heatmap's colour scale: its title, and a bar of its colours between the values at its ends. */
function ScaleEntry({ heatmap }: { heatmap: NonNullable<Figure['heatmap']> }) {
  const [lo, hi] = heatmapRange(heatmap);
  const stops = heatmapScale(heatmap)
    .map(([p, c]) => `${c} ${(100 * p).toFixed(1)}%`)
    .join(', ');
  return (
    <li className="scale">
      {heatmap.zTitle}: {formatNumber(lo)}{' '}
      <span
        className="scale-bar"
        aria-hidden="true"
        style={{ background: `linear-gradient(to right, ${stops})`, opacity: heatmap.opacity }}
      />{' '}
      {formatNumber(hi)}
    </li>
  );
}

/** plotly's dash patterns (drawing.dashStyle): in units of the line width, at least 3 px. */
function dashArray(dash: LegendEntry['dash'], width: number): string | undefined {
  const unit = Math.max(width, 3);
  if (dash === 'dash') return `${3 * unit} ${3 * unit}`;
  if (dash === 'dot') return `${unit} ${unit}`;
  if (dash === 'longdash') return `${5 * unit} ${5 * unit}`;
  if (dash === 'dashdot') return `${3 * unit} ${unit} ${unit} ${unit}`;
  return undefined;
}

/** The series drawn as it is in the plot (colour, dash, line weight, marker), 30 × 14 px. */
function Swatch({ entry }: { entry: LegendEntry }) {
  const { color } = entry;
  return (
    <svg className="swatch" width="30" height="14" viewBox="0 0 30 14" aria-hidden="true" focusable="false">
      {entry.kind === 'points' ? (
        <Marker symbol={entry.symbol ?? 'circle'} color={color} hollow={entry.hollow} />
      ) : entry.kind === 'bar' ? (
        <>
          <rect x="5" y="2" width="20" height="10" fill={color} />
          <BarPattern pattern={entry.pattern} />
        </>
      ) : (
        <>
          <line
            x1="1"
            y1="7"
            x2={entry.kind === 'arrow' ? 22 : 29}
            y2="7"
            stroke={color}
            strokeWidth={entry.width}
            strokeDasharray={dashArray(entry.dash, entry.width)}
          />
          {entry.kind === 'arrow' && <polygon points="21,3 29,7 21,11" fill={color} />}
          {entry.symbol && <Marker symbol={entry.symbol} color={color} />}
        </>
      )}
    </svg>
  );
}

function Marker({
  symbol,
  color,
  hollow,
}: {
  symbol: NonNullable<LegendEntry['symbol']>;
  color: string;
  hollow?: boolean;
}) {
  const paint = hollow ? { fill: 'none', stroke: color, strokeWidth: 1.5 } : { fill: color };
  switch (symbol) {
    case 'circle':
      return <circle cx="15" cy="7" r="3.5" {...paint} />;
    case 'square':
      return <rect x="11.5" y="3.5" width="7" height="7" {...paint} />;
    case 'diamond':
      return <polygon points="15,2.5 19.5,7 15,11.5 10.5,7" {...paint} />;
    case 'triangle-up':
      return <polygon points="15,2.5 19.5,11 10.5,11" {...paint} />;
  }
}

/** The bar's fill pattern in white, as plotly draws it over the bar colour. */
function BarPattern({ pattern }: { pattern: LegendEntry['pattern'] }) {
  const stroke = { stroke: '#ffffff', strokeWidth: 1.5 };
  switch (pattern) {
    case '/':
      return (
        <>
          <line x1="6" y1="12" x2="12" y2="2" {...stroke} />
          <line x1="12" y1="12" x2="18" y2="2" {...stroke} />
          <line x1="18" y1="12" x2="24" y2="2" {...stroke} />
        </>
      );
    case 'x':
      return (
        <>
          <line x1="7" y1="3" x2="23" y2="11" {...stroke} />
          <line x1="7" y1="11" x2="23" y2="3" {...stroke} />
        </>
      );
    case '.':
      return (
        <>
          {[9, 15, 21].map((x) => (
            <circle key={x} cx={x} cy="7" r="1.3" fill="#ffffff" />
          ))}
        </>
      );
    default:
      return null;
  }
}
