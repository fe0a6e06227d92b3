/** For property tests: an arbitrary experiment mended the way parse() mends it (not a test file). */
import type { Experiment } from '../../src/engine/experiment';

/**
 * `e` with the combinations parse() replaces already replaced: cross-entropy only with a data set; with one,
 * no probe loss and no tied weights.
 */
export function reconciled(e: Experiment): Experiment {
  if (e.data === 'none') return e.loss === 'xent' ? { ...e, loss: 'mse' } : e;
  return { ...e, loss: e.loss === 'probe' ? 'xent' : e.loss, tied: 0 };
}
