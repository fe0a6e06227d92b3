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

/** Whether `e` has exactly this network size. */
export function hasSize(e: Pick<Experiment, keyof NetworkSize>, size: NetworkSize): boolean {
  return e.depth === size.depth && e.width === size.width && e.batch === size.batch && e.lr === size.lr;
}

/**
 * The network size to set when the task changes from `current.data` to `data`: the new task's own, when the
 * current network is the default size or the current task's own; null when the user sized the network (it
 * stays) or the task does not change.
 */
export function networkForTask(current: Experiment, data: DataKind): NetworkSize | null {
  if (data === current.data) return null;
  if (!hasSize(current, DEFAULT_SIZE) && !hasSize(current, taskSize(current.data))) return null;
  const size = taskSize(data);
  return hasSize(current, size) ? null : size;
}
