/**
 * Sweeps in a link (`sx`, `sy`, `metric`; docs/experiment.md "Sweeps"): reading and writing the keys, and the
 * grid of experiments they describe. A sweep is a view of many experiments (DESIGN.md): each cell is the main
 * experiment with the swept keys replaced, read through parse() like a compared run, so a cell is exactly the
 * experiment its own link opens.
 */
import { PARAMETERS_OF } from '../engine/activations';
import type { Experiment } from '../engine/experiment';
import {
  MAX_AXIS_POINTS,
  SWEEP_KEYS,
  SWEEP_METRICS,
  type SweepAxis,
  type SweepAxisSpec,
  type SweepGrid,
  type SweepKey,
  type SweepMetric,
  type SweepSpec,
} from '../engine/sweep/types';
import type { ParseWarning } from './parse';
import { DECIMAL, quote, readValue } from './read-value';
import { comparedExperiment } from './runs';
import { serialize } from './serialize';
import { SCHEMA, type FieldSpec } from './schema';

/** The URL keys of a sweep. */
export const SWEEP_X = 'sx';
export const SWEEP_Y = 'sy';
export const SWEEP_METRIC = 'metric';
/** The metric of a link that names none. */
export const DEFAULT_METRIC: SweepMetric = 'chi';

const SPEC_OF = new Map<string, FieldSpec>(SCHEMA.map((f) => [f.key, f]));

/**
 * Reads and removes `sx`, `sy` and `metric` from a link's parameters. Unreadable parts are warnings (an axis that
 * cannot be read is left out, and without `sx` there is no sweep); numbers out of range are clamped as for
 * every key. `experiment` is the link's main experiment: a swept key it does not use is a warning.
 */
export function readSweep(
  params: Map<string, string>,
  experiment: Experiment,
  warnings: ParseWarning[],
): SweepSpec | null {
  const rawX = params.get(SWEEP_X);
  const rawY = params.get(SWEEP_Y);
  const rawMetric = params.get(SWEEP_METRIC);
  for (const key of [SWEEP_X, SWEEP_Y, SWEEP_METRIC]) params.delete(key);
  const x = rawX === undefined ? null : readAxis(SWEEP_X, rawX, warnings);
  let y = rawY === undefined ? null : readAxis(SWEEP_Y, rawY, warnings);
  if (x === null) {
    for (const [key, raw] of [
      [SWEEP_Y, rawY],
      [SWEEP_METRIC, rawMetric],
    ] as const) {
      if (raw !== undefined)
        warn(warnings, key, `${key}="${quote(raw)}" needs a sweep axis sx=KEY:FROM:TO:N; ignored.`);
    }
    return null;
  }
  if (y !== null && y.key === x.key) {
    warn(warnings, SWEEP_Y, `sy sweeps "${y.key}" as sx does; ignored.`);
    y = null;
  }
  for (const axis of [x, y]) if (axis) checkUsed(axis.key, experiment, warnings);
  return Object.freeze({ x, y, metric: readMetric(rawMetric, experiment, warnings) });
}

function warn(warnings: ParseWarning[], key: string, message: string): void {
  warnings.push({ kind: 'invalid', key, message });
}

/** `KEY:FROM:TO:N` or `KEY:FROM:TO:Nlog`, or null (with a warning saying why). */
function readAxis(name: string, raw: string, warnings: ParseWarning[]): SweepAxisSpec | null {
  const which = `${name}="${quote(raw)}"`;
  const parts = raw.split(':').map((p) => p.trim());
  if (parts.length !== 4) {
    warn(warnings, name, `${which} is not KEY:FROM:TO:N (e.g. ${name}=sw:0.5:3:16); ignored.`);
    return null;
  }
  const [key, rawFrom, rawTo, rawN] = parts;
  if (!(SWEEP_KEYS as readonly string[]).includes(key)) {
    warn(
      warnings,
      name,
      `In ${which}: "${quote(key)}" cannot be swept (one of ${SWEEP_KEYS.join(', ')}); ignored.`,
    );
    return null;
  }
  const spec = SPEC_OF.get(key)!;
  const ends: number[] = [];
  for (const text of [rawFrom, rawTo]) {
    const read = readValue(spec, text);
    if ('invalid' in read) {
      warn(warnings, name, `In ${which}: ${read.invalid}; ignored.`);
      return null;
    }
    if (read.note) warnings.push({ kind: 'clamped', key: name, message: `In ${which}: ${read.note}` });
    ends.push(read.value as number);
  }
  const count = /^(.*?)(log)?$/i.exec(rawN)!;
  const log = count[2] !== undefined;
  if (!DECIMAL.test(count[1])) {
    warn(warnings, name, `In ${which}: "${quote(rawN)}" is not a number of points (N or Nlog); ignored.`);
    return null;
  }
  let n = Math.round(Number(count[1]));
  if (n < 1 || n > MAX_AXIS_POINTS) {
    const clamped = Math.min(MAX_AXIS_POINTS, Math.max(1, n));
    warnings.push({
      kind: 'clamped',
      key: name,
      message: `In ${which}: ${quote(rawN)} points is outside [1, ${MAX_AXIS_POINTS}]: using ${clamped}.`,
    });
    n = clamped;
  }
  const [from, to] = ends;
  if (log && (from <= 0 || to <= 0)) {
    warn(warnings, name, `In ${which}: a log axis needs FROM and TO above 0; ignored.`);
    return null;
  }
  return Object.freeze({ key: key as SweepKey, from, to, n, log });
}

/** Why sweeping `key` would change nothing in `e`, as a warning (the sweep still runs: every cell the same). */
function checkUsed(key: SweepKey, e: Experiment, warnings: ParseWarning[]): void {
  const activationKeys: readonly string[] = ['alpha', 'lambda', 'slope', 'knob'];
  const unused =
    activationKeys.includes(key) && !(PARAMETERS_OF[e.act] as readonly string[]).includes(key)
      ? `act=${e.act} has no ${key}`
      : key === 'noise' && (e.data === 'none' || e.data === 'digits')
        ? `noise applies to the 2-D data sets only`
        : key === 'lr' && e.steps === 0
          ? 'the learning rate does nothing without training steps (steps=0)'
          : null;
  if (unused) warn(warnings, SWEEP_X, `Sweeping ${key} changes nothing: ${unused}.`);
}

function readMetric(raw: string | undefined, e: Experiment, warnings: ParseWarning[]): SweepMetric {
  if (raw === undefined) return DEFAULT_METRIC;
  const metric = SWEEP_METRICS.find((m) => m === raw.trim().toLowerCase());
  if (metric === undefined) {
    warn(
      warnings,
      SWEEP_METRIC,
      `metric="${quote(raw)}" is not one of ${SWEEP_METRICS.join(', ')}: using ${DEFAULT_METRIC}.`,
    );
    return DEFAULT_METRIC;
  }
  if ((metric === 'accuracy' || metric === 'test_accuracy') && e.data === 'none') {
    warn(
      warnings,
      SWEEP_METRIC,
      `metric=${metric} needs a data set (data=spiral, …): using ${DEFAULT_METRIC}.`,
    );
    return DEFAULT_METRIC;
  }
  return metric;
}

/** An axis as the link writes it (numbers in their shortest round-trip form). */
export function axisToString(axis: SweepAxisSpec): string {
  return `${axis.key}:${axis.from}:${axis.to}:${axis.n}${axis.log ? 'log' : ''}`;
}

/** The `sx=…&sy=…&metric=…` part of a query (`:` left readable); metric only when not the default. */
export function serializeSweep(sweep: SweepSpec): string {
  const pairs: [string, string][] = [[SWEEP_X, axisToString(sweep.x)]];
  if (sweep.y) pairs.push([SWEEP_Y, axisToString(sweep.y)]);
  if (sweep.metric !== DEFAULT_METRIC) pairs.push([SWEEP_METRIC, sweep.metric]);
  return pairs.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%3A/gi, ':')}`).join('&');
}

/**
 * The values of an axis: n points from FROM to TO, evenly spaced (or geometrically with `log`), each written
 * to 12 significant digits (so a cell's link reads `sw=1.2`, not 1.2000000000000002); an int key's values are
 * rounded, and a value that rounding repeats is kept once.
 */
export function axisValues(axis: SweepAxisSpec): number[] {
  const { from, to, n, log } = axis;
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 0 : i / (n - 1);
    const raw = i === n - 1 && n > 1 ? to : log ? from * (to / from) ** t : from + (to - from) * t;
    values.push(Number(raw.toPrecision(12)));
  }
  if (SPEC_OF.get(axis.key)!.kind !== 'int') return values;
  return [...new Set(values.map((v) => Math.round(v)))];
}

/** The axis of a grid: its key and values. */
export function sweepAxis(axis: SweepAxisSpec): SweepAxis {
  return Object.freeze({ key: axis.key, values: Object.freeze(axisValues(axis)) });
}

/**
 * The grid of experiments of a sweep over `main`: row r, column c is `main` with x's key at x.values[c] and y's
 * at y.values[r]. Sweeping `sw` means the custom scheme (σ_w² = sw²): the cells use init=custom.
 */
export function sweepGrid(main: Experiment, sweep: SweepSpec): SweepGrid {
  const x = sweepAxis(sweep.x);
  const y = sweep.y ? sweepAxis(sweep.y) : null;
  const cells = (y?.values ?? [null]).map((yValue) =>
    Object.freeze(x.values.map((xValue) => cellOf(main, sweep, xValue, yValue))),
  );
  return Object.freeze({ x, y, metric: sweep.metric, cells: Object.freeze(cells) });
}

/** One cell: `main` with x's key at `xValue` and y's at `yValue`, read as a link is. */
function cellOf(main: Experiment, sweep: SweepSpec, xValue: number, yValue: number | null): Experiment {
  const custom = sweep.x.key === 'sw' || sweep.y?.key === 'sw' ? { init: 'custom' } : {};
  return comparedExperiment(main, {
    ...custom,
    [sweep.x.key]: xValue,
    ...(sweep.y && yValue !== null ? { [sweep.y.key]: yValue } : {}),
  });
}

/**
 * A string equal for two (main, sweep) pairs exactly when their grids are equal, at the cost of one cell
 * instead of the whole grid (the page compares it on every change of the experiment): the first cell carries
 * every key the sweep does not set, the sweep the rest.
 */
export function sweepKey(main: Experiment, sweep: SweepSpec): string {
  const first = cellOf(main, sweep, axisValues(sweep.x)[0], sweep.y ? axisValues(sweep.y)[0] : null);
  return `${serialize(first)}&${serializeSweep(sweep)}`;
}
