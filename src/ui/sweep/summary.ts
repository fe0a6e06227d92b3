/**
 * The sweep's text alternative: the measured range, and for χ and the variance where the value crosses 1 along
 * x (measured and in theory), so the heatmap's finding can be read without seeing it. Pure.
 */
import type { CellValue } from '../../engine/sweep/types';
import { crossings } from './contour';

/** Where along x the value is 1, over the rows: the smallest and largest crossing (null: it never crosses). */
export type CrossingRange = readonly [number, number] | null;

export interface SweepSummary {
  /** Cells measured (not null), and the smallest and largest value, or null before any. */
  readonly count: number;
  readonly min: number | null;
  readonly max: number | null;
  /** For metrics about 1 (χ, variance): where the measured and the theory's values cross 1 along x. */
  readonly measuredCrossing: CrossingRange;
  readonly theoryCrossing: CrossingRange;
}

/**
 * Summarises measured[r][c] (undefined while not measured) and the theory's grid (or null) over x values
 * `xs`; `aboutOne` asks for the crossings of 1 (interpolated in log value, along each row).
 */
export function summarise(
  xs: readonly number[],
  measured: readonly (readonly (CellValue | undefined)[])[],
  theory: readonly (readonly CellValue[])[] | null,
  aboutOne: boolean,
): SweepSummary {
  const known = measured
    .flat()
    .filter((v): v is number => v !== undefined && v !== null && Number.isFinite(v));
  const range = (rows: readonly (readonly (CellValue | undefined)[])[]): CrossingRange => {
    const all = rows.flatMap((row) =>
      crossings(
        xs,
        row.map((v) => (v !== undefined && v !== null && v > 0 ? Math.log(v) : null)),
        0,
      ),
    );
    return all.length > 0 ? [Math.min(...all), Math.max(...all)] : null;
  };
  return {
    count: known.length,
    min: known.length > 0 ? Math.min(...known) : null,
    max: known.length > 0 ? Math.max(...known) : null,
    measuredCrossing: aboutOne ? range(measured) : null,
    theoryCrossing: aboutOne && theory ? range(theory) : null,
  };
}
