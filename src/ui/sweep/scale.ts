/**
 * The colour scale of a sweep's heatmap, by metric: χ and the variance on a log scale diverging about 1 (the
 * edge of chaos, SELU's fixed point), blue below and vermillion above; the share of dead units from white to
 * blue; accuracies on viridis over 0..1; a loss on viridis over its values. Pure: no DOM, no plotly.
 */
import type { CellValue, SweepMetric } from '../../engine/sweep/types';
import { BLUES, DIVERGING, type ColourScale } from '../charts/heatmap-scale';

/** What the heatmap draws: z per cell in the scale's units (log10 of the value on a log scale). */
export interface SweepScale {
  /** The value's log10 is drawn (values ≤ 0 at the bottom of the range). */
  readonly log: boolean;
  readonly zmin: number;
  readonly zmax: number;
  readonly colorscale: ColourScale | 'Viridis';
  /** Colour-bar ticks in z units, and their labels in the metric's own units. */
  readonly tickvals: number[];
  readonly ticktext: string[];
}

/** Smallest half-span of a log scale, in decades: χ from 0.5 to 2 at least, so noise about 1 looks pale. */
const MIN_DECADES = Math.log10(2);
/** Largest half-span: beyond 10⁻⁶ or 10⁶ the colour saturates. */
const MAX_DECADES = 6;

/** The scale for `metric` over the known values (nulls and cells not measured yet are left out). */
export function sweepScale(metric: SweepMetric, values: readonly CellValue[]): SweepScale {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (metric === 'chi' || metric === 'var') {
    let span = MIN_DECADES;
    for (const v of finite) if (v > 0) span = Math.max(span, Math.abs(Math.log10(v)));
    span = Math.min(MAX_DECADES, span);
    const ticks = logTicks(-span, span);
    return {
      log: true,
      zmin: -span,
      zmax: span,
      colorscale: DIVERGING,
      tickvals: ticks.map(Math.log10),
      ticktext: ticks.map(formatValue),
    };
  }
  if (metric === 'dead' || metric === 'accuracy' || metric === 'test_accuracy') {
    const ticks = [0, 0.25, 0.5, 0.75, 1];
    return {
      log: false,
      zmin: 0,
      zmax: 1,
      colorscale: metric === 'dead' ? BLUES : 'Viridis',
      tickvals: ticks,
      ticktext: ticks.map(formatValue),
    };
  }
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (!(lo <= hi)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const ticks = linearTicks(lo, hi);
  return {
    log: false,
    zmin: lo,
    zmax: hi,
    colorscale: 'Viridis',
    tickvals: ticks,
    ticktext: ticks.map(formatValue),
  };
}

/** A value in the scale's units: its log10 on a log scale (≤ 0 clamped to the bottom), else itself. */
export function toScale(scale: SweepScale, value: CellValue | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (!scale.log) return value;
  return value > 0 ? Math.log10(value) : scale.zmin;
}

/**
 * Round values from 10^lo to 10^hi (decades lo, hi): 1, 2 and 5 of each decade over a narrow range, the powers
 * of ten over a wide one, always 1.
 */
export function logTicks(lo: number, hi: number): number[] {
  const mantissas = hi - lo <= 2.5 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
    for (const m of mantissas) {
      const v = Number((m * 10 ** e).toPrecision(3));
      const z = Math.log10(v);
      if (z >= lo - 1e-9 && z <= hi + 1e-9) ticks.push(v);
    }
  }
  return ticks;
}

/** About five round ticks from lo to hi. */
function linearTicks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(6)));
  return ticks;
}

/** A value as the page writes it: three significant digits, no trailing zeros, powers of ten as 1e-7. */
export function formatValue(v: number): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e5 || abs < 1e-4) return v.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}
