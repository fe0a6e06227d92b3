/**
 * The body of a kernel thread (src/wasm/threads.ts): an instance of the shared kernel build in the engine's
 * memory that runs the lists of jobs the engine hands it until told to stop. It blocks on Atomics.wait
 * between lists, so it must run in a Worker (browser) or a worker_threads thread (Node), never a page.
 */
import { instantiateSharedKernels } from './kernels';
import { runJobList } from './job';

/** What the engine sends a new thread. */
export interface ThreadStart {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** Byte offset of this thread's control block (threads.ts CONTROL). */
  readonly control: number;
}

/**
 * Int32 slots of a control block, then (from byte `listOffset`) two float64 slots: where the list of jobs
 * starts in memory and how many jobs it has.
 */
export const CONTROL = {
  /** Raised by the engine for each list; a negative value stops the thread. */
  seq: 0,
  /** Set to `seq` by the thread when that list is finished. */
  done: 1,
  /** 1 when the last list threw. */
  failed: 2,
  /** Jobs finished so far (ever): the engine's sign that a long list is still moving. */
  progress: 3,
  listOffset: 64,
  /** Float64 slots at listOffset. */
  listAt: 0,
  listCount: 1,
} as const;

/** Instantiates the kernels, calls `ready`, then serves lists of jobs (never returns until stopped). */
export async function serveThread(start: ThreadStart, ready: () => void): Promise<void> {
  const k = await instantiateSharedKernels(start.module, start.memory);
  const ctl = new Int32Array(start.memory.buffer, start.control, CONTROL.listOffset / 4);
  const list = new Float64Array(start.memory.buffer, start.control + CONTROL.listOffset, 2);
  // Read before saying ready: a list the engine posts right after `ready` must not be taken as already seen.
  let seen = Atomics.load(ctl, CONTROL.seq);
  ready();
  for (;;) {
    Atomics.wait(ctl, CONTROL.seq, seen);
    seen = Atomics.load(ctl, CONTROL.seq);
    if (seen < 0) return;
    try {
      // The list lies in the experiment's memory, which may have grown since the last list: a fresh view.
      runJobList(k, start.memory.buffer, list[CONTROL.listAt], list[CONTROL.listCount], () =>
        Atomics.add(ctl, CONTROL.progress, 1),
      );
      Atomics.store(ctl, CONTROL.failed, 0);
    } catch {
      Atomics.store(ctl, CONTROL.failed, 1);
    }
    Atomics.store(ctl, CONTROL.done, seen);
    Atomics.notify(ctl, CONTROL.done);
  }
}
