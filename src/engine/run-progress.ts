/**
 * A Worker run's progress messages: its training steps done, and within a pass big enough to take seconds
 * (hundreds of layers at width 1024: one WASM pass of 15–60 s), the engine's progress within it
 * (StepOptions.onProgress). Within such a pass the Worker also lets its event loop run now and then, so a
 * Cancel or a newer run gets in and stops the pass there; small passes (the default experiment's) get no
 * callback at all and run as before.
 */
import type { StepOptions } from './backend';
import type { Experiment } from './experiment';
import { nextTask } from './next-task';
import type { WorkerResponse } from './protocol';

/** Least time between two progress messages of a long run, in ms. */
export const PROGRESS_MS = 250;
/** Least time between two yields to the event loop within a pass, in ms. */
export const YIELD_MS = 50;
/**
 * Passes whose forward products take at least this many multiply-adds (depth × batch × width²) report progress
 * within: ~2^31 is a second or more of a WASM step on a laptop core, 6× the default experiment's.
 */
export const BIG_PASS = 2 ** 31;

type ProgressMessage = Extract<WorkerResponse, { type: 'progress' }>;

/** The progress of one run (its `total` training steps, compared runs' included). */
export class RunProgress {
  private done = 0;
  private last = performance.now();

  /**
   * `stop` throws when the run has been superseded (a newer request or a Cancel arrived); it is called after
   * each yield within a pass, so the throw abandons the pass.
   */
  constructor(
    private readonly id: number,
    private readonly total: number,
    private readonly post: (message: ProgressMessage) => void,
    private readonly stop: () => void,
  ) {}

  /** A training step done: posts the count at most every PROGRESS_MS. */
  step(): void {
    this.done++;
    if (performance.now() - this.last < PROGRESS_MS) return;
    this.post({ type: 'progress', id: this.id, done: this.done, total: this.total });
    this.last = performance.now();
  }

  /**
   * StepOptions.onProgress for a pass of `experiment`, or undefined when its passes are small (BIG_PASS): posts
   * the pass's progress with the step count at most every PROGRESS_MS, yields to the event loop at most every
   * YIELD_MS, then calls `stop`.
   */
  within(experiment: Experiment): StepOptions['onProgress'] {
    const { depth, batch, width } = experiment;
    if (depth * batch * width * width < BIG_PASS) return undefined;
    let yielded = performance.now();
    return async (done, total) => {
      const now = performance.now();
      if (now - this.last >= PROGRESS_MS) {
        const { id, done: steps, total: all } = this;
        this.post({ type: 'progress', id, done: steps, total: all, pass: { done, total } });
        this.last = now;
      }
      if (now - yielded < YIELD_MS) return;
      await nextTask();
      yielded = performance.now();
      this.stop();
    };
  }
}
