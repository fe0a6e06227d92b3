/**
 * Pipeline cache of one device: a shader module and a bind group layout per kernel, and a compute pipeline
 * per kernel + `override` constants (the cache key). Creation errors are reported with the kernel's name.
 */
import { GpuError, compileShader } from './device';
import type { BindingKind, Constants, KernelSpec } from './kernels/kernel';

function layoutEntry(kind: BindingKind, binding: number): GPUBindGroupLayoutEntry {
  const visibility = GPUShaderStage.COMPUTE;
  if (kind === 'uniform') return { binding, visibility, buffer: { type: 'uniform' } };
  return { binding, visibility, buffer: { type: kind === 'read' ? 'read-only-storage' : 'storage' } };
}

/** The cache key of a kernel with constants: name + the constants in name order. */
export function pipelineKey(name: string, constants: Constants): string {
  const keys = Object.keys(constants).sort();
  return `${name}(${keys.map((k) => `${k}=${constants[k]}`).join(',')})`;
}

/** Compiled modules, layouts and pipelines of one device. Dropped (not destroyed) with its device. */
export class PipelineCache {
  private readonly modules = new Map<string, Promise<GPUShaderModule>>();
  private readonly layouts = new Map<string, GPUBindGroupLayout>();
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  /** Compilation warnings of every module compiled so far ("kernel:line:col: …"). */
  readonly warnings: string[] = [];

  constructor(private readonly device: GPUDevice) {}

  /** The explicit bind group layout of a kernel (explicit, so unused-looking bindings are kept). */
  layout(spec: KernelSpec): GPUBindGroupLayout {
    let layout = this.layouts.get(spec.key);
    if (!layout) {
      layout = this.device.createBindGroupLayout({
        label: spec.name,
        entries: spec.bindings.map((kind, i) => layoutEntry(kind, i)),
      });
      this.layouts.set(spec.key, layout);
    }
    return layout;
  }

  /** The kernel's shader module, compiled once and checked (errors throw, warnings are collected). */
  module(spec: KernelSpec): Promise<GPUShaderModule> {
    let module = this.modules.get(spec.key);
    if (!module) {
      module = compileShader(this.device, spec.key, spec.code).then((report) => {
        this.warnings.push(...report.warnings);
        return report.module;
      });
      this.modules.set(spec.key, module);
    }
    return module;
  }

  /** The pipeline of `spec` specialized with `constants`. */
  get(spec: KernelSpec, constants: Constants): Promise<GPUComputePipeline> {
    const key = pipelineKey(spec.key, constants);
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      pipeline = this.create(spec, constants, key);
      this.pipelines.set(key, pipeline);
      // A failed creation must not stay cached: a later call retries (and reports) it.
      pipeline.catch(() => this.pipelines.delete(key));
    }
    return pipeline;
  }

  private async create(spec: KernelSpec, constants: Constants, key: string): Promise<GPUComputePipeline> {
    const module = await this.module(spec);
    try {
      return await this.device.createComputePipelineAsync({
        label: key,
        layout: this.device.createPipelineLayout({ label: spec.name, bindGroupLayouts: [this.layout(spec)] }),
        compute: { module, entryPoint: 'main', constants },
      });
    } catch (e) {
      throw new GpuError(
        `WGSL kernel '${spec.name}': pipeline creation failed for ${key}: ${(e as Error).message}`,
      );
    }
  }
}
