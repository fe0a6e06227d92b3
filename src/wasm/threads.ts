/**
 * Kernel threads of the WASM engine: each runs an instance of the shared kernel build in the engine's memory
 * (thread-loop.ts) and works through a list of jobs per pass (shares.ts). The engine writes where a thread's
 * list is into the thread's control block, wakes it with Atomics.notify, runs its own list, then waits
 * (Atomics.wait) until every thread is done, so a step stays synchronous. Threads need SharedArrayBuffer: a
 * cross-origin isolated page (COOP/COEP headers) or Node, and a Worker or worker_threads to run in.
 */
import { CONTROL, type ThreadStart } from './thread-loop';

/** A started thread, as its environment offers it (browser Worker or Node worker_threads). */
export interface ThreadPort {
  post(message: ThreadStart): void;
  /** Called with the thread's first message ('ready') or its error. */
  onReady(ready: () => void, failed: (error: Error) => void): void;
  terminate(): void;
}

/** Starts one thread. */
export type SpawnThread = () => ThreadPort;

/** Bytes of one thread's control block (its flags, then where its list is). */
export const CONTROL_BYTES = Math.ceil((CONTROL.listOffset + 2 * 8) / 64) * 64;

/** How long the engine waits for a thread that finishes no job before giving up on the threads, in ms. */
const THREAD_TIMEOUT_MS = 60_000;

/** A list of jobs in the engine's memory (job.ts layout, one after another). */
export interface JobList {
  readonly at: number;
  readonly count: number;
}

/** Threads working in one shared memory. */
export class KernelThreads {
  private seq = 0;

  private constructor(
    private readonly ports: readonly ThreadPort[],
    private readonly controls: readonly Int32Array[],
    private readonly lists: readonly Float64Array[],
  ) {}

  /** Starts `count` threads whose control blocks begin at byte `base` of `memory`; resolves when all are ready. */
  static async start(
    count: number,
    spawn: SpawnThread,
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    base: number,
  ): Promise<KernelThreads> {
    const ports: ThreadPort[] = [];
    try {
      await Promise.all(
        Array.from({ length: count }, (_, t) => {
          const port = spawn();
          ports.push(port);
          return new Promise<void>((resolve, reject) => {
            port.onReady(resolve, reject);
            port.post({ module, memory, control: base + t * CONTROL_BYTES });
          });
        }),
      );
    } catch (error) {
      for (const port of ports) port.terminate();
      throw new Error(`wasm engine: a kernel thread did not start (${(error as Error).message})`, {
        cause: error,
      });
    }
    const at = (t: number) => base + t * CONTROL_BYTES;
    return new KernelThreads(
      ports,
      ports.map((_, t) => new Int32Array(memory.buffer, at(t), CONTROL.listOffset / 4)),
      ports.map((_, t) => new Float64Array(memory.buffer, at(t) + CONTROL.listOffset, 2)),
    );
  }

  get count(): number {
    return this.ports.length;
  }

  /**
   * Hands `lists[t]` to thread t (null or empty: nothing for it), runs `own` here, and returns when every
   * thread is done. Throws when a thread failed, or went THREAD_TIMEOUT_MS without finishing a job.
   */
  run(lists: readonly (JobList | null)[], own: () => void): void {
    const seq = ++this.seq;
    const busy: number[] = [];
    lists.forEach((list, t) => {
      if (!list || list.count === 0) return;
      this.lists[t][CONTROL.listAt] = list.at;
      this.lists[t][CONTROL.listCount] = list.count;
      Atomics.store(this.controls[t], CONTROL.seq, seq);
      Atomics.notify(this.controls[t], CONTROL.seq);
      busy.push(t);
    });
    own();
    for (const t of busy) {
      const ctl = this.controls[t];
      let progress = Atomics.load(ctl, CONTROL.progress);
      let deadline = performance.now() + THREAD_TIMEOUT_MS;
      for (;;) {
        const done = Atomics.load(ctl, CONTROL.done);
        if (done === seq) break;
        const now = Atomics.load(ctl, CONTROL.progress);
        if (now !== progress) {
          progress = now;
          deadline = performance.now() + THREAD_TIMEOUT_MS;
        }
        const left = deadline - performance.now();
        // Woken at least every second to see whether a long list is still moving.
        if (left <= 0)
          throw new Error(`wasm engine: kernel thread ${t + 1} did not finish its share in time`);
        Atomics.wait(ctl, CONTROL.done, done, Math.min(left, 1000));
      }
      if (Atomics.load(ctl, CONTROL.failed) !== 0)
        throw new Error(`wasm engine: kernel thread ${t + 1} failed`);
    }
  }

  /** Stops and ends every thread. */
  stop(): void {
    for (const ctl of this.controls) {
      Atomics.store(ctl, CONTROL.seq, -1);
      Atomics.notify(ctl, CONTROL.seq);
    }
    for (const port of this.ports) port.terminate();
  }
}
