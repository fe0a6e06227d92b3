/**
 * Overflow and NaN, found per layer: a chart of a variance that overflowed would be blank or flat, so the
 * page says where the numbers broke instead ("the variance overflows float32 at layer 37").
 */
import type { LayerStats } from './experiment';

/** Largest finite float32. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Where and how the statistics first break, or null when every number is finite and fits float32. */
export interface Overflow {
  readonly layer: number;
  readonly key: keyof LayerStats;
  readonly kind: 'nan' | 'overflow';
}

const FORWARD: readonly (keyof LayerStats)[] = ['preVar', 'postVar', 'preMean', 'postMean'];
const BACKWARD: readonly (keyof LayerStats)[] = ['gradNorm', 'weightGradNorm'];

/**
 * The first layer whose statistics are NaN or beyond float32's range: the forward signal first (in layer
 * order), then the gradients (whose overflow follows from it).
 */
export function firstOverflow(layers: readonly LayerStats[]): Overflow | null {
  for (const keys of [FORWARD, BACKWARD]) {
    for (const l of layers) {
      for (const key of keys) {
        const v = l[key] as number;
        if (Number.isNaN(v)) return { layer: l.layer, key, kind: 'nan' };
        if (!(Math.abs(v) <= FLOAT32_MAX)) return { layer: l.layer, key, kind: 'overflow' };
      }
    }
  }
  return null;
}
