/**
 * finish (src/shaders/finish.wgsl): one small pass that reduces every hidden layer's partials into the stats
 * buffer ([depth + 1][16] floats, see STAT below) and, for a training step of the hybrid, updates the knobs.
 * Bindings: partials (whole buffer), flags (whole buffer), knobs (whole buffer, read-write), stats,
 * step params (uniform vec4: lr, train 0/1).
 */
import type { StepResult } from '../../engine/backend';
import type { LayerStats } from '../../engine/experiment';
import common from '../../shaders/finish_common.wgsl?raw';
import own from '../../shaders/finish.wgsl?raw';
import { kernel } from './kernel';
import type { Constants, NetShape } from './kernel';

export const finishKernel = kernel('finish', own, ['read', 'read', 'rw', 'rw', 'uniform'], {
  reduce: true,
  fragments: [common],
});

/** Floats per layer record in the stats buffer; the loss follows the last layer's record. */
export const STATS_STRIDE = 16;

/** Offsets inside a layer's stats record. */
export const STAT = {
  preMean: 0,
  preVar: 1,
  postMean: 2,
  postVar: 3,
  dead: 4,
  saturated: 5,
  gradNorm: 6,
  weightGradNorm: 7,
  knob: 8,
  knobGrad: 9,
} as const;

/** Where each kernel's partials live (in floats); see NetLayout in ../layout.ts. */
export interface FinishLayout {
  readonly forwardGroups: number;
  readonly backwardGroups: number;
  readonly weightgradGroups: number;
  readonly lossGroups: number;
  readonly section: number;
  readonly backwardOffset: number;
  readonly weightgradOffset: number;
  readonly lossOffset: number;
  readonly flagStride: number;
  readonly knobStride: number;
}

/** Overrides of the finish pass (READOUT only with a data set, so other networks keep their pipeline key). */
export function finishConstants(s: NetShape, p: FinishLayout, hybrid: boolean): Constants {
  return {
    ...(s.readout ? { READOUT: 1 } : {}),
    LAYERS: s.depth,
    COLS: s.width,
    NF: p.forwardGroups,
    NB: p.backwardGroups,
    NW: p.weightgradGroups,
    NL: p.lossGroups,
    SEC: p.section,
    OFF_B: p.backwardOffset,
    OFF_W: p.weightgradOffset,
    OFF_LOSS: p.lossOffset,
    FSTRIDE: p.flagStride,
    KSTRIDE: p.knobStride,
    HYBRID: hybrid ? 1 : 0,
  };
}

/** The StepResult in a readback of the stats buffer of a `depth`-layer network. */
export function decodeStats(data: Float32Array, depth: number, hybrid: boolean): StepResult {
  const layers: LayerStats[] = [];
  for (let l = 1; l <= depth; l++) {
    const o = (l - 1) * STATS_STRIDE;
    const stats: LayerStats = {
      layer: l,
      preMean: data[o + STAT.preMean],
      preVar: data[o + STAT.preVar],
      postMean: data[o + STAT.postMean],
      postVar: data[o + STAT.postVar],
      dead: data[o + STAT.dead],
      saturated: data[o + STAT.saturated],
      gradNorm: data[o + STAT.gradNorm],
      weightGradNorm: data[o + STAT.weightGradNorm],
    };
    layers.push(hybrid ? { ...stats, knob: data[o + STAT.knob], knobGrad: data[o + STAT.knobGrad] } : stats);
  }
  return { layers, loss: data[depth * STATS_STRIDE] };
}
