/**
 * A key that two experiments share exactly when every engine computes the same numbers for them: keys that an
 * experiment carries but does not use (α of a ReLU network, the learning rate of a run that never trains) are
 * set to one value. The Worker keeps compared runs' results under it, so moving α recomputes the ELU run
 * beside a ReLU one, not the ReLU run.
 */
import { PARAMETERS_OF } from './activations';
import type { Experiment } from './experiment';

/** `experiment`'s numbers key; `trains`: whether the run applies SGD updates (live training does). */
export function numbersKey(experiment: Experiment, trains: boolean): string {
  const used = new Set<string>(PARAMETERS_OF[experiment.act]);
  const e: Record<string, unknown> = { ...experiment };
  for (const key of ['alpha', 'lambda', 'slope', 'knob']) if (!used.has(key)) e[key] = 0;
  if (!trains) e.lr = 0;
  return JSON.stringify(e);
}
