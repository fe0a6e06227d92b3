/**
 * How each numeric URL key is shown as a control. Ranges come from the URL schema (one source of truth);
 * this table only adds the slider's step, its scale, and when the control is relevant.
 */
import type { Experiment } from '../../engine/experiment';
import { SCHEMA } from '../../state';

/** A numeric control. `stops` (for log-scale keys) lists the slider's positions. */
export interface NumericField {
  readonly key: keyof Experiment;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly stops?: readonly number[];
  readonly shown: (e: Experiment) => boolean;
}

const always = (_e: Experiment) => true;

/** Whole numbers from 1 to `max`: every one up to 20, then steps of about 6 %, for log-scale sliders. */
export function logStops(max: number): number[] {
  const stops: number[] = [];
  for (let v = 1; v <= Math.min(20, max); v++) stops.push(v);
  let v = 20;
  while (v < max) {
    v = Math.min(max, Math.max(v + 1, Math.round(v * 1.06)));
    stops.push(v);
  }
  return stops;
}

function field(
  key: keyof Experiment,
  step: number,
  shown: (e: Experiment) => boolean = always,
  stops?: number[],
): NumericField {
  const spec = SCHEMA.find((s) => s.key === key);
  if (!spec || spec.kind === 'enum') throw new Error(`no numeric schema key ${key}`);
  const min = spec.kind === 'float' && spec.minExclusive ? step : spec.min;
  // The unbounded floats get a slider range a student can use; the number box still takes the full range.
  const max = key === 'in_mean' ? 10 : key === 'in_std' ? 10 : spec.max;
  return { key, min: key === 'in_mean' ? -10 : min, max, step, stops, shown };
}

const hasAlpha = (e: Experiment) => e.act === 'elu' || e.act === 'selu' || e.act === 'hybrid';
/** Random inputs (no data set): their mean and spread are the experiment's; a data set brings its own. */
const randomInputs = (e: Experiment) => e.data === 'none';
const twoD = (e: Experiment) => e.data !== 'none' && e.data !== 'digits';

/** The numeric controls, by group. */
export const FIELDS = {
  activation: [
    field('alpha', 0.01, hasAlpha),
    field('lambda', 0.001, (e) => e.act === 'selu'),
    field('slope', 0.01, (e) => e.act === 'leaky'),
    field('knob', 0.01, (e) => e.act === 'hybrid'),
  ],
  network: [
    field('depth', 1, always, logStops(1000)),
    field('width', 1, always, logStops(4096)),
    field('batch', 1, always, logStops(8192)),
  ],
  init: [field('sw', 0.01, (e) => e.init === 'custom'), field('sb', 0.01)],
  task: [field('noise', 0.01, twoD)],
  data: [field('in_mean', 0.1, randomInputs), field('in_std', 0.1, randomInputs)],
  training: [field('lr', 0.001)],
} as const satisfies Record<string, readonly NumericField[]>;
