/**
 * `probeWebGpu()`: whether this context (window or dedicated Worker) has WebGPU and an adapter, and what kind,
 * without creating a device. createBackend() uses it to choose and to say why it fell back.
 */
import { describeAdapter, gpuApi, isFallback } from './device';

/** What probeWebGpu() found. `ok` means a WebGPU adapter exists (possibly a slow software one). */
export interface WebGpuProbe {
  ok: boolean;
  /** Why not, or what was found: "navigator.gpu is missing", "no adapter", "SwiftShader fallback adapter"… */
  reason: string;
  isFallbackAdapter: boolean;
  adapterInfo?: string;
}

/** Checks for WebGPU and an adapter, without creating a device. Never throws. */
export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = gpuApi();
  if (!gpu) return { ok: false, reason: 'navigator.gpu is missing', isFallbackAdapter: false };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { ok: false, reason: `requestAdapter failed: ${(e as Error).message}`, isFallbackAdapter: false };
  }
  if (!adapter) return { ok: false, reason: 'no adapter', isFallbackAdapter: false };
  const adapterInfo = describeAdapter(adapter);
  const fallback = isFallback(adapter);
  const swiftShader = /swiftshader/i.test(adapterInfo) || adapterInfo === 'unnamed adapter';
  const reason = fallback
    ? swiftShader
      ? 'SwiftShader fallback adapter'
      : `software fallback adapter (${adapterInfo})`
    : `adapter: ${adapterInfo}`;
  return { ok: true, reason, isFallbackAdapter: fallback, adapterInfo };
}
