/** The lessons' Worker: scene computations too slow for the UI thread (constrained training runs). */
/// <reference lib="webworker" />
import { trainMonotone, type MonotoneTraining, type MonotoneTrainingParams } from './models/monotone';

/** Page → Worker. */
export interface LessonRequest {
  readonly id: number;
  readonly type: 'monotone-training';
  readonly runs: readonly MonotoneTrainingParams[];
}

/** Worker → page, by the request's id. */
export type LessonResponse =
  | { readonly id: number; readonly type: 'monotone-training'; readonly runs: MonotoneTraining[] }
  | { readonly id: number; readonly type: 'error'; readonly message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<LessonRequest>) => {
  const { id, runs } = event.data;
  let response: LessonResponse;
  try {
    response = { id, type: 'monotone-training', runs: runs.map(trainMonotone) };
  } catch (error) {
    response = { id, type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response);
};
