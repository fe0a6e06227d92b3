/**
 * What each engine can run. Tied and non-negative weights change the SGD update (a summed gradient, a
 * projection), which only the reference engine implements; their forward and backward passes are ordinary,
 * so every engine runs them when nothing is trained.
 */
import type { BackendKind } from './backend';
import type { Experiment } from './experiment';

/** Why `kind` cannot run `experiment` (trained for `trainingSteps` steps), or null when it can. */
export function unsupportedReason(
  kind: BackendKind,
  experiment: Experiment,
  trainingSteps: number,
): string | null {
  if (kind === 'reference' || trainingSteps === 0) return null;
  if (experiment.tied) return 'training tied weights runs on the float64 reference engine only';
  if (experiment.nonneg) return 'training non-negative weights runs on the float64 reference engine only';
  return null;
}
