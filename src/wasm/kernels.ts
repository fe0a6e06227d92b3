/**
 * Loading the SIMD kernel module (built from src/wasm/assembly by src/wasm/build.mjs and embedded as base64
 * in src/wasm/build/kernels.ts) and detecting the WebAssembly features it needs.
 *
 * Every pointer argument is a byte offset into the instance's one linear memory; every matrix is row-major
 * float32. Booleans are passed as 0/1.
 */
import {
  RELAXED_SIMD_SHARED_WASM_BASE64,
  RELAXED_SIMD_WASM_BASE64,
  SIMD_SHARED_WASM_BASE64,
  SIMD_WASM_BASE64,
} from './build/kernels';
import { decodeBase64 } from './binary';

/** Epilogue modes of `gemm` (src/wasm/assembly/epilogue.ts). */
export const MODE = { forward: 0, backward: 1, weight: 2, store: 3 } as const;

/** Float64 slots of the statistics block (src/wasm/assembly/epilogue.ts and index.ts). */
export const STAT = {
  /** Σ(z − cz), Σ(z − cz)² of the pre-activations, shifted by cz. */
  z1: 0,
  z2: 1,
  /** Σ(h − ch), Σ(h − ch)² of the post-activations, shifted by ch. */
  h1: 2,
  h2: 3,
  /** Σg² of ∂loss/∂h, and Σg·∂φ/∂k (hybrid). */
  g2: 4,
  gk: 5,
  /** Σ(∂loss/∂W)². */
  w2: 6,
  /** The shifts cz, ch (first element of the layer) and whether they are set. */
  cz: 7,
  ch: 8,
  shiftSet: 9,
  /** The loss. */
  loss: 10,
  /** Slots in the block. */
  count: 16,
} as const;

/** The kernel module's exports. */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  /** Tile rows and columns of the micro-kernel (must equal layout.ts MR and NR). */
  readonly MR: WebAssembly.Global;
  readonly NR: WebAssembly.Global;
  /** Inner-dimension block: products with K > KC need the `partial` scratch (see layout.ts gemmScratch). */
  readonly KC: WebAssembly.Global;
  /** First 64-byte aligned byte the host may use. */
  heapBase(): number;
  /** Columns of B packed per block for inner dimension k (the packed-B scratch holds k·blockCols(k) floats). */
  blockCols(k: number): number;
  /**
   * C[m,n] = op(A)[m,k]·op(B)[k,n], each tile handed to the epilogue of `mode` (see MODE). A is stored
   * row-major [m, k] (or [k, m] when transposed), B [k, n] (or [n, k]); scratch sizes from gemmScratch.
   */
  gemm(
    mode: number,
    m: number,
    n: number,
    k: number,
    a: number,
    lda: number,
    transA: number,
    b: number,
    ldb: number,
    transB: number,
    packedA: number,
    packedB: number,
    partial: number,
    tile: number,
  ): void;
  setBuffers(stats: number, stage: number): void;
  setForward(h: number, d: number, k: number, ld: number, bias: number, alive: number, notSat: number): void;
  setBackward(d: number, k: number, ld: number): void;
  setWeight(w: number, ld: number, lr: number): void;
  setStore(c: number, ld: number): void;
  setActivation(code: number, alpha: number, lambda: number, slope: number, knob: number): void;
  lossGrad(
    h: number,
    y: number,
    d: number,
    k: number,
    count: number,
    batch: number,
    probe: number,
    stats: number,
  ): void;
  biasStep(delta: number, rows: number, n: number, bias: number, lr: number, sums: number): void;
  expArray(src: number, dst: number, n: number): void;
  expm1Array(src: number, dst: number, n: number): void;
}

/** Which build to run: plain SIMD, or SIMD + relaxed SIMD (FMA). */
export type KernelVariant = 'simd' | 'relaxed';

/** (func (result v128) i32.const 0 i8x16.splat): validates exactly where 128-bit SIMD is supported. */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01,
  0x00, 0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b,
]);

/** True when this runtime has WebAssembly with 128-bit SIMD (checked with WebAssembly.validate). */
export function simdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

let relaxedCache: boolean | undefined;

/** True when the relaxed-SIMD build itself validates here (Chrome ≥ 114; Node 20 only with a V8 flag). */
export function relaxedSimdSupported(): boolean {
  if (relaxedCache === undefined) {
    try {
      relaxedCache = simdSupported() && WebAssembly.validate(decodeBase64(RELAXED_SIMD_WASM_BASE64));
    } catch {
      relaxedCache = false;
    }
  }
  return relaxedCache;
}

/** The fastest variant this runtime can run. */
export function bestVariant(): KernelVariant {
  return relaxedSimdSupported() ? 'relaxed' : 'simd';
}

const modules = new Map<string, Promise<WebAssembly.Module>>();

/** The compiled module of `variant`, own-memory or (`shared`) on an imported shared memory; cached. */
export function kernelModule(variant: KernelVariant, shared = false): Promise<WebAssembly.Module> {
  const key = `${variant}${shared ? '-shared' : ''}`;
  let module = modules.get(key);
  if (!module) {
    const base64 = shared
      ? variant === 'relaxed'
        ? RELAXED_SIMD_SHARED_WASM_BASE64
        : SIMD_SHARED_WASM_BASE64
      : variant === 'relaxed'
        ? RELAXED_SIMD_WASM_BASE64
        : SIMD_WASM_BASE64;
    module = WebAssembly.compile(decodeBase64(base64));
    modules.set(key, module);
  }
  return module;
}

/** A fresh instance (own memory) of the kernel module; compiled once per variant and cached. */
export async function instantiateKernels(variant: KernelVariant = bestVariant()): Promise<KernelExports> {
  const instance = await WebAssembly.instantiate(await kernelModule(variant), {});
  return instance.exports as unknown as KernelExports;
}

/** Pages of a shared kernel memory: the shared builds declare 16 (1 MiB) to 65 536 (4 GiB). */
export const SHARED_MEMORY_PAGES = { initial: 16, maximum: 65536 } as const;

/** A shared memory for the shared builds (needs SharedArrayBuffer: a cross-origin isolated page, or Node). */
export function sharedKernelMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ ...SHARED_MEMORY_PAGES, shared: true });
}

/** An instance of a shared build working in `memory` (one per thread, all in the same memory). */
export async function instantiateSharedKernels(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
): Promise<KernelExports> {
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}

export { ensureMemory } from './binary';
