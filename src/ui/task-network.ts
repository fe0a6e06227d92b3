/**
 * The network a task suits: choosing a data set in the controls moves the network to that task's size when
 * the network is still the default size (or the previous task's size), and back to the default size when the
 * random targets are chosen again; a network the user sized is left alone. Only the controls do this: a link's
 * keys are read as written (`?data=spiral` is depth 20 × width 256).
 */
import type { DataKind, Experiment } from '../engine/experiment';
import { DEFAULT_EXPERIMENT } from '../state';

/** The keys of a network's size. */
export type NetworkSize = Pick<Experiment, 'depth' | 'width' | 'batch' | 'lr'>;

const SMALL_2D: NetworkSize = { depth: 8, width: 64, batch: 64, lr: 0.1 };

/** Each data set's network: small for the 2-D sets (fast to train live), wider for the 64-pixel digits. */
export const TASK_NETWORKS: Readonly<Record<Exclude<DataKind, 'none'>, NetworkSize>> = {
  spiral: SMALL_2D,
  circles: SMALL_2D,
  xor: SMALL_2D,
  gauss: SMALL_2D,
  digits: { depth: 4, width: 256, batch: 128, lr: 0.1 },
};

/** The default experiment's network size. */
export const DEFAULT_SIZE: NetworkSize = {
  depth: DEFAULT_EXPERIMENT.depth,
  width: DEFAULT_EXPERIMENT.width,
  batch: DEFAULT_EXPERIMENT.batch,
  lr: DEFAULT_EXPERIMENT.lr,
};

/** The size a task's network starts from (the default size without a data set). */
export function taskSize(data: DataKind): NetworkSize {
  return data === 'none' ? DEFAULT_SIZE : TASK_NETWORKS[data];
}

/** Whether `e` has exactly this network size (depth, width, batch and learning rate). */
export function hasSize(e: Pick<Experiment, keyof NetworkSize>, size: NetworkSize): boolean {
  return sameShape(e, size) && e.lr === size.lr;
}

/** Whether `e` has this size's depth, width and batch. */
function sameShape(e: Pick<Experiment, keyof NetworkSize>, size: NetworkSize): boolean {
  return e.depth === size.depth && e.width === size.width && e.batch === size.batch;
}

/**
 * What to set when the task changes from `current.data` to `data`: the new task's depth, width and batch when
 * the current ones are the default size or the current task's, and its learning rate too unless the user set
 * another one; null when the user sized the network (it stays, learning rate included) or nothing changes.
 */
export function networkForTask(current: Experiment, data: DataKind): Partial<NetworkSize> | null {
  if (data === current.data) return null;
  const previous = taskSize(current.data);
  if (!sameShape(current, DEFAULT_SIZE) && !sameShape(current, previous)) return null;
  const { lr, ...shape } = taskSize(data);
  const ownLr = current.lr !== DEFAULT_SIZE.lr && current.lr !== previous.lr;
  const change: Partial<NetworkSize> = ownLr ? shape : { ...shape, lr };
  const moves = (Object.keys(change) as (keyof NetworkSize)[]).some((k) => change[k] !== current[k]);
  return moves ? change : null;
}
