/** Plain-text tables for the CLI's human-readable output. */
import { formatNumber } from '../engine/format';

/** Numbers with 6 significant digits (integers as they are), right-aligned under their headers. */
export function formatTable(
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<number | null>>,
): string {
  const cells = rows.map((row) => row.map((x) => (x === null ? '—' : formatNumber(x))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values: readonly string[]) => values.map((v, i) => v.padStart(widths[i])).join('  ');
  return [line(columns), ...cells.map(line)].join('\n');
}
