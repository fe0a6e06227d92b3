/** The experiment's activation parameters, stable across renders while they do not change (for useMemo). */
import { useMemo } from 'react';
import { activationOf, type ActivationParams } from '../../../engine/activations';
import type { Experiment } from '../../../engine/experiment';

export function useActivationParams(experiment: Experiment): ActivationParams {
  const params = activationOf(experiment).params;
  const key = JSON.stringify(params);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the value of `params`
  return useMemo(() => params, [key]);
}
