/**
 * Per-layer statistics of a run as CSV (RFC 4180) and as JSON (the CLI's `run --json` object), for download
 * from the page and for scripts (issue 8).
 */
import type { LayerStats, RunResult } from '../experiment';

/** The LayerStats columns every run has, in the CLI's order. */
export const STATS_COLUMNS = [
  'layer',
  'preMean',
  'preVar',
  'postMean',
  'postVar',
  'dead',
  'saturated',
  'gradNorm',
  'weightGradNorm',
] as const satisfies readonly (keyof LayerStats)[];

/** The hybrid activation's extra columns: each layer's k and ∂loss/∂k. */
export const HYBRID_COLUMNS = ['knob', 'knobGrad'] as const satisfies readonly (keyof LayerStats)[];

/** The columns of a run's statistics: STATS_COLUMNS, plus HYBRID_COLUMNS for the hybrid activation. */
export function statsColumns(result: RunResult): (keyof LayerStats)[] {
  return result.experiment.act === 'hybrid' ? [...STATS_COLUMNS, ...HYBRID_COLUMNS] : [...STATS_COLUMNS];
}

/** One CSV field: quoted (with doubled quotes) only when it holds a comma, quote or line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Shortest round-trip form (`Number(s)` gives the number back exactly); NaN and ±Infinity as `NaN`,
 * `Infinity`, `-Infinity` (which `Number()` also reads back); a missing value as an empty field.
 */
function csvNumber(x: number | undefined): string {
  if (x === undefined) return '';
  return Object.is(x, -0) ? '-0' : String(x);
}

/**
 * The statistics as CSV (RFC 4180: comma-separated, CRLF after every record, header first): one column per
 * LayerStats key (see statsColumns), one row per layer in layer order, numbers in shortest round-trip form.
 */
export function statsCsv(result: RunResult): string {
  const columns = statsColumns(result);
  const records = [columns.map(csvField).join(',')];
  for (const layer of result.layers)
    records.push(columns.map((c) => csvField(csvNumber(layer[c]))).join(','));
  return records.map((r) => `${r}\r\n`).join('');
}

/**
 * The run as pretty-printed JSON (2-space indent, trailing newline): the object `loz run --json` prints,
 * `{ backend, experiment, layers, loss, ms }`. As in the CLI, non-finite numbers become `null`.
 */
export function statsJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
