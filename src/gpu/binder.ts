/**
 * Bind group helpers of one network (network.ts): whole-buffer and sub-range bindings of its shared buffers,
 * at the offsets the layout (layout.ts) gives, in bytes.
 */
import type { KernelSpec } from './kernels/kernel';
import type { NetLayout } from './layout';
import type { PipelineCache } from './pipelines';

const F = 4;

/** The shared buffers bound in pieces: the knobs, the step params and the partials. */
export interface SharedBuffers {
  /** [depth][knobStride] f32, k at each slot's start (uniform vec4 per slot). */
  readonly knobs: GPUBuffer;
  /** Two uniform vec4 slots (lr, train): slot 0 for measuring steps, slot 1 for training steps. */
  readonly params: GPUBuffer;
  readonly partials: GPUBuffer;
}

/** Makes bind groups (binding i = resource i) and the bindings of the shared buffers. */
export class Binder {
  constructor(
    private readonly device: GPUDevice,
    private readonly cache: PipelineCache,
    private readonly layout: NetLayout,
    private readonly shared: SharedBuffers,
  ) {}

  /** A bind group of `spec` with `resources` at bindings 0, 1, …; a bare buffer is bound whole. */
  group(spec: KernelSpec, label: string, resources: (GPUBuffer | GPUBufferBinding)[]): GPUBindGroup {
    return this.device.createBindGroup({
      label,
      layout: this.cache.layout(spec),
      entries: resources.map((r, binding) => ({ binding, resource: 'buffer' in r ? r : { buffer: r } })),
    });
  }

  /** The uniform vec4 of hidden layer li's (0-based) k. */
  knob(li: number): GPUBufferBinding {
    return { buffer: this.shared.knobs, offset: li * this.layout.knobStride * F, size: 16 };
  }

  /** The step params of a measuring (0) or training (1) step. */
  param(train: number): GPUBufferBinding {
    return { buffer: this.shared.params, offset: train * this.layout.knobStride * F, size: 16 };
  }

  /** `floats` floats (at least 1) of the partials from byte `offset`. */
  part(offset: number, floats: number): GPUBufferBinding {
    return { buffer: this.shared.partials, offset, size: Math.max(floats, 1) * F };
  }
}
