/**
 * Kernel threads of the WASM engine: each runs an instance of the shared kernel build in the engine's memory
 * (thread-loop.ts), and takes a share of the rows of every product. The engine writes a thread's job into the
 * thread's control block, wakes it with Atomics.notify, runs its own share, then waits (Atomics.wait) until
 * every thread is done, so a step stays synchronous. Threads need SharedArrayBuffer: a cross-origin isolated
 * page (COOP/COEP headers) or Node, and a Worker or worker_threads to run in.
 */
import { JOB, JOB_BYTES } from './job';
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

/** Bytes of one thread's control block (its flags, then its job). */
export const CONTROL_BYTES = Math.ceil((CONTROL.jobOffset + JOB_BYTES) / 64) * 64;

/** How long the engine waits for a thread's share before giving up on the threads, in ms. */
const THREAD_TIMEOUT_MS = 60_000;

/** Threads working in one shared memory. */
export class KernelThreads {
  private seq = 0;

  private constructor(
    private readonly ports: readonly ThreadPort[],
    private readonly controls: readonly Int32Array[],
    private readonly jobs: readonly Float64Array[],
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
      ports.map((_, t) => new Int32Array(memory.buffer, at(t), CONTROL.jobOffset / 4)),
      ports.map((_, t) => new Float64Array(memory.buffer, at(t) + CONTROL.jobOffset, JOB.count)),
    );
  }

  get count(): number {
    return this.ports.length;
  }

  /**
   * Hands `jobs[t]` to thread t (null: no share for it), runs `own` here, and returns when every thread is
   * done. Throws when a thread failed or did not answer in time.
   */
  run(jobs: readonly (Float64Array | null)[], own: () => void): void {
    const seq = ++this.seq;
    const busy: number[] = [];
    jobs.forEach((job, t) => {
      if (!job) return;
      this.jobs[t].set(job);
      Atomics.store(this.controls[t], CONTROL.seq, seq);
      Atomics.notify(this.controls[t], CONTROL.seq);
      busy.push(t);
    });
    own();
    for (const t of busy) {
      const ctl = this.controls[t];
      const deadline = performance.now() + THREAD_TIMEOUT_MS;
      for (;;) {
        const done = Atomics.load(ctl, CONTROL.done);
        if (done === seq) break;
        const left = deadline - performance.now();
        if (left <= 0 || Atomics.wait(ctl, CONTROL.done, done, left) === 'timed-out')
          throw new Error(`wasm engine: kernel thread ${t + 1} did not finish its share in time`);
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
