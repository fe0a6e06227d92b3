/** Summaries of one pass for the training curves (loss, dead units, the hybrid's k over steps). */
import type { StepResult } from './backend';
import type { TracePoint } from './protocol';

/** The trace point of a pass after `step` SGD updates. */
export function tracePoint(step: number, pass: StepResult): TracePoint {
  let dead = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let knobs = 0;
  for (const layer of pass.layers) {
    dead += layer.dead;
    if (layer.knob !== undefined) {
      knobs++;
      sum += layer.knob;
      min = Math.min(min, layer.knob);
      max = Math.max(max, layer.knob);
    }
  }
  const point: TracePoint = { step, loss: pass.loss, dead };
  return knobs > 0 ? { ...point, knob: { mean: sum / knobs, min, max } } : point;
}
