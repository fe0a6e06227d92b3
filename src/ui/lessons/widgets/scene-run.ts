/** One run as the scene widgets take it: its measured pass and the label the charts give it. */
import type { RunResult } from '../../../engine/experiment';

export interface SceneRun {
  /** What sets the run apart ("ReLU", "ELU", "ReLU · lr 0.05"), as in the charts' legends. */
  readonly label: string;
  readonly result: RunResult;
}

/** The label shown before a run's line: only when there is more than one run. */
export function runPrefix(runs: readonly SceneRun[], i: number): string {
  return runs.length > 1 ? `${runs[i].label}: ` : '';
}
