/**
 * The default engine loaders for createBackend(): each imports its engine only when probed, so the reference
 * engine never pulls in WGSL and Node never touches WebGPU.
 */
import type { EngineLoaders, EngineProbe } from './create-backend';

/**
 * WebGPU: needs navigator.gpu and an adapter. A software adapter (SwiftShader) runs, but is slower than
 * WASM-SIMD: `auto` passes over it, an explicit `backend=webgpu` uses it.
 */
async function probeWebGpuEngine(): Promise<EngineProbe> {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  if (!nav?.gpu)
    return { ok: false, reason: 'navigator.gpu is missing (this browser or context has no WebGPU)' };
  const { probeWebGpu, WebGpuBackend } = await import('../gpu/backend');
  const probe = await probeWebGpu();
  if (!probe.ok) return { ok: false, reason: probe.reason };
  const create = () => new WebGpuBackend();
  if (probe.isFallbackAdapter) {
    // Measured (docs/benchmarks.md): on SwiftShader a step is ~10× slower than the WASM-SIMD engine's.
    const why = `the adapter is a software fallback (${probe.reason}), slower here than WASM-SIMD`;
    return { ok: true, create, note: why, notWhenAuto: why };
  }
  return { ok: true, create, note: probe.adapterInfo };
}

/** WASM-SIMD: needs WebAssembly with the SIMD proposal. */
async function probeWasmEngine(): Promise<EngineProbe> {
  if (typeof WebAssembly === 'undefined') return { ok: false, reason: 'WebAssembly is missing' };
  const { wasmSimdSupported, WasmBackend } = await import('../wasm/backend');
  if (!wasmSimdSupported()) return { ok: false, reason: 'WebAssembly SIMD is not supported here' };
  // Kernel threads where the page is cross-origin isolated (the dev server, preview and test servers send
  // COOP/COEP); a plain static host gets the single-threaded engine.
  const { browserThreadCount, spawnBrowserThread } = await import('../wasm/spawn-browser');
  const count = browserThreadCount();
  if (count === 0) return { ok: true, create: () => new WasmBackend() };
  return { ok: true, create: () => new WasmBackend({ threads: { count, spawn: spawnBrowserThread } }) };
}

/** The float64 reference: runs everywhere. */
async function probeReferenceEngine(): Promise<EngineProbe> {
  const { ReferenceBackend } = await import('./reference/backend');
  return { ok: true, create: () => new ReferenceBackend() };
}

/** Loaders for createBackend(). */
export const ENGINE_LOADERS: EngineLoaders = {
  webgpu: probeWebGpuEngine,
  wasm: probeWasmEngine,
  reference: probeReferenceEngine,
};
