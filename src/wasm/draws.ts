/**
 * The draws module (src/wasm/draws/index.ts, embedded as base64 in src/wasm/build/draws.ts): Rng.fillNormal
 * in WebAssembly, the same doubles bit for bit (tests/engine/draws-wasm.test.ts), several times faster than
 * the JavaScript loop of fdlibm calls. installWasmDraws() makes every Rng.fillNormal of this realm use it.
 *
 * Compiled and instantiated synchronously (a 3 KB module): fine in a Worker and in Node. Browsers refuse
 * or frown upon synchronous compiles on a page's main thread, and the page draws nothing heavy: only the
 * engine Worker (src/engine/worker.ts) and the CLI (src/cli/run.ts) install it; the page must not import this.
 */
import { setNormalFiller, type NormalFiller, type RngState } from '../engine/random';
import { decodeBase64, ensureMemory } from './binary';
import { DRAWS_WASM_BASE64 } from './build/draws';

/** The draws module's exports (byte offsets into its memory; see src/wasm/draws/index.ts). */
interface DrawsExports {
  readonly memory: WebAssembly.Memory;
  /** State block: s0..s3 as i32 at +0..+12, the spare as f64 at +16 (NaN: none). Little-endian. */
  stateBase(): number;
  /** First byte of the output: fillNormal writes n float64 here. */
  outBase(): number;
  fillNormal(n: number, mean: number, std: number): void;
}

/** Values per call into wasm: its output buffer holds DRAWS_CHUNK float64 (512 KiB), copied out after each call. */
export const DRAWS_CHUNK = 65536;

/**
 * A new instance of the draws module as a NormalFiller (fills of any length, in chunks of DRAWS_CHUNK).
 * Throws where WebAssembly is missing, or on a big-endian host (the typed-array views below would read the
 * little-endian wasm memory wrongly).
 */
export function createWasmNormalFiller(): NormalFiller {
  if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is missing');
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('big-endian host');
  const module = new WebAssembly.Module(decodeBase64(DRAWS_WASM_BASE64));
  const wasm = new WebAssembly.Instance(module, {}).exports as unknown as DrawsExports;
  const stateBase = wasm.stateBase();
  const outBase = wasm.outBase();
  ensureMemory(wasm.memory, outBase + DRAWS_CHUNK * 8);
  // The memory never grows again, so these views stay attached.
  const buffer = wasm.memory.buffer;
  const words = new Int32Array(buffer, stateBase, 4);
  const spare = new Float64Array(buffer, stateBase + 16, 1);
  const values = new Float64Array(buffer, outBase, DRAWS_CHUNK);
  return (state: RngState, out: Float64Array, mean: number, std: number): void => {
    words[0] = state.s0;
    words[1] = state.s1;
    words[2] = state.s2;
    words[3] = state.s3;
    spare[0] = state.spare;
    for (let start = 0; start < out.length; start += DRAWS_CHUNK) {
      const n = Math.min(DRAWS_CHUNK, out.length - start);
      wasm.fillNormal(n, mean, std);
      out.set(n === DRAWS_CHUNK ? values : values.subarray(0, n), start);
    }
    state.s0 = words[0]!;
    state.s1 = words[1]!;
    state.s2 = words[2]!;
    state.s3 = words[3]!;
    state.spare = spare[0]!;
  };
}

let installed: boolean | undefined;

/**
 * Installs the WebAssembly filler for every Rng.fillNormal of this realm (once; later calls return the first
 * answer). Returns false, leaving the JavaScript path in place, where it cannot be instantiated.
 */
export function installWasmDraws(): boolean {
  if (installed === undefined) {
    try {
      setNormalFiller(createWasmNormalFiller());
      installed = true;
    } catch {
      installed = false;
    }
  }
  return installed;
}
