/**
 * The typed messages between the page and the engine Worker. Statistics are small (a few numbers per layer),
 * so they travel as structured clones.
 */
import type { BackendKind } from './backend';
import type { Experiment, RunResult } from './experiment';

/** Which engine the page asks for. */
export type EngineChoice = BackendKind | 'auto';

/** Page → Worker. A newer `run` cancels any older one still in flight (stale work is dropped, not queued). */
export type WorkerRequest =
  | {
      readonly type: 'run';
      readonly id: number;
      readonly experiment: Experiment;
      readonly backend: EngineChoice;
    }
  | { readonly type: 'cancel'; readonly id: number };

/** The engine that runs, and why. */
export interface EngineInfo {
  readonly kind: BackendKind;
  readonly reason: string;
}

/** Worker → page. */
export type WorkerResponse =
  | { readonly type: 'result'; readonly id: number; readonly result: RunResult; readonly engine: EngineInfo }
  | { readonly type: 'cancelled'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
