/**
 * Which experiment controls each scene shows in presentation mode (`present=1`): only what its "try this"
 * asks the student to move.
 */
import type { Experiment } from '../../engine/experiment';
import type { SceneId } from '../../state';

export const SCENE_CONTROLS: Readonly<Record<SceneId, ReadonlyArray<keyof Experiment | 'training'>>> = {
  'dying-relu': ['act', 'knob', 'lr', 'in_mean', 'training'],
  'gradients-through-time': ['act', 'depth', 'init', 'sw'],
  selu: ['act', 'alpha', 'lambda', 'in_std', 'init'],
  heterophily: ['act', 'alpha'],
  monotone: ['act', 'alpha', 'lr', 'training'],
  icnn: ['act', 'alpha'],
  pde: ['act', 'alpha'],
};
