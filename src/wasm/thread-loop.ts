/**
 * The body of a kernel thread (src/wasm/threads.ts): an instance of the shared kernel build in the engine's
 * memory that runs the jobs written into its control block until told to stop. It blocks on Atomics.wait
 * between jobs, so it must run in a Worker (browser) or a worker_threads thread (Node), never a page.
 */
import { instantiateSharedKernels } from './kernels';
import { JOB, runJob } from './job';

/** What the engine sends a new thread. */
export interface ThreadStart {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** Byte offset of this thread's control block (threads.ts CONTROL). */
  readonly control: number;
}

/** Int32 slots of a control block; the job's float64 slots start at byte JOB_OFFSET. */
export const CONTROL = {
  /** Raised by the engine for each job; a negative value stops the thread. */
  seq: 0,
  /** Set to `seq` by the thread when that job is finished. */
  done: 1,
  /** 1 when the last job threw. */
  failed: 2,
  jobOffset: 64,
} as const;

/** Instantiates the kernels, calls `ready`, then serves jobs (never returns until stopped). */
export async function serveThread(start: ThreadStart, ready: () => void): Promise<void> {
  const k = await instantiateSharedKernels(start.module, start.memory);
  const ctl = new Int32Array(start.memory.buffer, start.control, CONTROL.jobOffset / 4);
  const job = new Float64Array(start.memory.buffer, start.control + CONTROL.jobOffset, JOB.count);
  // Read before saying ready: a job the engine posts right after `ready` must not be taken as already seen.
  let seen = Atomics.load(ctl, CONTROL.seq);
  ready();
  for (;;) {
    Atomics.wait(ctl, CONTROL.seq, seen);
    seen = Atomics.load(ctl, CONTROL.seq);
    if (seen < 0) return;
    try {
      runJob(k, job);
      Atomics.store(ctl, CONTROL.failed, 0);
    } catch {
      Atomics.store(ctl, CONTROL.failed, 1);
    }
    Atomics.store(ctl, CONTROL.done, seen);
    Atomics.notify(ctl, CONTROL.done);
  }
}
