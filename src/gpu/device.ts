/**
 * Adapter and device: requests the adapter's own limits (not the spec defaults), watches `device.lost`,
 * records uncaptured errors, and compiles shader modules with their compilation messages reported under the
 * kernel's name.
 */

import { subgroupCoreFits } from './kernels/kernel';

/** A WebGPU failure, with the kernel or operation it concerns in the message. */
export class GpuError extends Error {
  override readonly name: string = 'GpuError';
}

/** An adapter and a device created from it, with its loss state. */
export interface GpuContext {
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  /** True for software adapters (SwiftShader): correct but slow. */
  readonly isFallbackAdapter: boolean;
  /** "vendor architecture device description", as far as the browser reveals it. */
  readonly adapterInfo: string;
  /** The device has `subgroups` with subgroups of exactly 4 invocations (the `subgroup` matmul core). */
  readonly subgroupsOf4: boolean;
  /** Set when `device.lost` resolves; `null` while the device is alive. */
  lost: GPUDeviceLostInfo | null;
  /** Resolves with the loss info when the device is lost (including by `destroy()`). */
  readonly lostPromise: Promise<GPUDeviceLostInfo>;
  /** Uncaptured errors seen since the context was created (validation errors outside any scope). */
  readonly uncapturedErrors: string[];
}

/** The limits this engine asks for: everything the adapter offers for buffers, bindings and workgroups. */
const REQUESTED_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupsPerDimension',
] as const;

/** The `navigator.gpu` of this context (window or worker), or undefined. */
export function gpuApi(): GPU | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  return nav?.gpu;
}

/** Whether the adapter is a software fallback (newer browsers report it in `info`, older on the adapter). */
export function isFallback(adapter: GPUAdapter): boolean {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacy = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return Boolean(info?.isFallbackAdapter ?? legacy);
}

/** A one-line description of the adapter. */
export function describeAdapter(adapter: GPUAdapter): string {
  const info = adapter.info;
  if (!info) return 'unknown adapter';
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((p) => p);
  return parts.length > 0 ? parts.join(' ') : 'unnamed adapter';
}

/**
 * Requests an adapter and a device with the adapter's limits. Throws a GpuError saying why when there is no
 * WebGPU, no adapter, or the device request fails.
 */
export async function createGpuContext(): Promise<GpuContext> {
  const gpu = gpuApi();
  if (!gpu) throw new GpuError('navigator.gpu is missing (no WebGPU in this browser or context)');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new GpuError('no adapter: requestAdapter() returned null');
  const requiredLimits: Record<string, number> = {};
  for (const name of REQUESTED_LIMITS) requiredLimits[name] = adapter.limits[name];
  let device: GPUDevice;
  try {
    // timestamp-query, where offered, feeds the per-kernel timing view (profile.ts); subgroups of 4, the
    // `subgroup` matmul core (kernels/kernel.ts).
    const requiredFeatures: GPUFeatureName[] = adapter.features.has('timestamp-query')
      ? ['timestamp-query']
      : [];
    if (subgroupCoreFits(adapter.features, adapter.info ?? {}))
      requiredFeatures.push('subgroups' as GPUFeatureName);
    device = await adapter.requestDevice({ requiredLimits, requiredFeatures, label: 'left-of-zero' });
  } catch (e) {
    throw new GpuError(`requestDevice failed: ${(e as Error).message}`);
  }
  const uncapturedErrors: string[] = [];
  device.addEventListener('uncapturederror', (event) => {
    uncapturedErrors.push((event as GPUUncapturedErrorEvent).error.message);
  });
  const ctx: GpuContext = {
    adapter,
    device,
    isFallbackAdapter: isFallback(adapter),
    adapterInfo: describeAdapter(adapter),
    subgroupsOf4: device.features.has('subgroups') && subgroupCoreFits(adapter.features, adapter.info ?? {}),
    lost: null,
    lostPromise: device.lost,
    uncapturedErrors,
  };
  void device.lost.then((info) => {
    ctx.lost = info;
  });
  return ctx;
}

/** Compilation messages of one module, formatted "kernel:line:col: message". */
export interface CompileReport {
  readonly module: GPUShaderModule;
  readonly warnings: string[];
}

/**
 * Creates a shader module and checks its compilation messages: errors throw a GpuError naming the kernel,
 * warnings and infos are returned for the caller to surface (the tests require none).
 */
export async function compileShader(device: GPUDevice, name: string, code: string): Promise<CompileReport> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: name, code });
  const info = await module.getCompilationInfo();
  const scopeError = await device.popErrorScope();
  const lines = code.split('\n');
  const format = (m: GPUCompilationMessage): string =>
    `${name}.wgsl (assembled):${m.lineNum}:${m.linePos}: ${m.type}: ${m.message}` +
    (m.lineNum > 0 ? ` — ${lines[m.lineNum - 1]?.trim() ?? ''}` : '');
  const errors = info.messages.filter((m) => m.type === 'error').map(format);
  if (errors.length > 0 || scopeError) {
    const detail = errors.length > 0 ? errors.join('\n') : (scopeError?.message ?? '');
    throw new GpuError(`WGSL kernel '${name}' failed to compile:\n${detail}`);
  }
  return { module, warnings: info.messages.filter((m) => m.type !== 'error').map(format) };
}
