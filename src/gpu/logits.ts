/**
 * logits() of a data-set network on the GPU: a forward pass of any number of data points through the current
 * weights, biases and knobs, `rows` points at a time (layout.ts `logitsRows`), through buffers of its own so
 * the buffers the last step's statistics and activation histograms read (z_l, h_l, partials, flags, stats)
 * stay untouched. Each chunk: its inputs written with queue.writeBuffer ([rows, ldIn], zero-padded), one
 * `linear` dispatch per layer (φ on the hidden layers, none on the read-out) ping-ponging between two
 * [rows, ld] tensors, and a copy of its outputs ([rows, ldOut]) into a mappable buffer of [count, ldOut] floats
 * made for the call; the call maps it once, after the last chunk. Pipelines are compiled on the first call
 * (M = rows, so every call and every chunk uses the same ones).
 */
import type { Experiment } from '../engine/experiment';
import type { GpuContext } from './device';
import type { LayerRole, MatmulCore, NetShape } from './kernels/kernel';
import { linearConstants, linearGrid, linearKernels } from './kernels/linear';
import { padRows } from './layout';
import type { PipelineCache } from './pipelines';

/** One layer's parameters as bound: W [fanIn, ld], b [ld] and the uniform slot of its k (hybrid). */
export interface LayerParams {
  readonly weights: GPUBuffer;
  readonly bias: GPUBuffer;
  readonly knob: GPUBufferBinding;
}

/** logits()'s own buffers: inputs [rows, ldIn], two hidden tensors [rows, ld], outputs [rows, ldOut]. */
export interface LogitsBuffers {
  readonly input: GPUBuffer;
  readonly hidden: readonly [GPUBuffer, GPUBuffer];
  readonly output: GPUBuffer;
}

const F = 4;

/** Forward passes over data points for one network (its buffers belong to the network, see network.ts). */
export class GpuLogits {
  private readonly groups: GPUBindGroup[];
  private pipelines: Promise<GPUComputePipeline[]> | null = null;

  /**
   * `layers`: the depth hidden layers, then the read-out. `rows`: points per chunk, the row count the
   * buffers were sized for.
   */
  constructor(
    private readonly ctx: GpuContext,
    private readonly cache: PipelineCache,
    private readonly shape: NetShape,
    private readonly exp: Experiment,
    private readonly core: MatmulCore,
    private readonly rows: number,
    layers: readonly LayerParams[],
    private readonly buffers: LogitsBuffers,
  ) {
    const spec = linearKernels[core];
    const { input, hidden, output } = buffers;
    const L = shape.depth;
    this.groups = layers.map((layer, li) =>
      ctx.device.createBindGroup({
        label: li === L ? 'logits out' : `logits ${li + 1}`,
        layout: cache.layout(spec),
        entries: [
          { binding: 0, resource: { buffer: li === 0 ? input : hidden[(li + 1) % 2] } },
          { binding: 1, resource: { buffer: layer.weights } },
          { binding: 2, resource: { buffer: layer.bias } },
          { binding: 3, resource: layer.knob },
          { binding: 4, resource: { buffer: li === L ? output : hidden[li % 2] } },
        ],
      }),
    );
  }

  /** The role of each dispatch: layer 1, layers 2..L, the read-out. */
  private roles(): LayerRole[] {
    const L = this.shape.depth;
    return Array.from({ length: L + 1 }, (_, li) => (li === L ? 'readout' : li === 0 ? 'first' : 'hidden'));
  }

  private compiled(): Promise<GPUComputePipeline[]> {
    if (!this.pipelines) {
      const spec = linearKernels[this.core];
      const get = (role: LayerRole) =>
        this.cache.get(spec, linearConstants(this.shape, this.exp, role, this.rows));
      const pending = Promise.all([
        get('first'),
        this.shape.depth > 1 ? get('hidden') : null,
        get('readout'),
      ]);
      this.pipelines = pending.then(([first, hidden, readout]) =>
        this.roles().map((role) => (role === 'first' ? first : role === 'readout' ? readout : hidden!)),
      );
      // A failed compilation is reported to this call and retried by the next.
      this.pipelines.catch(() => (this.pipelines = null));
    }
    return this.pipelines;
  }

  /** The outputs [count, outputs] of `count` standardised inputs (row-major [count, inputs]), float32. */
  async run(inputs: Float64Array, count: number): Promise<Float32Array> {
    const s = this.shape;
    if (!(Number.isInteger(count) && count >= 0))
      throw new RangeError(`logits: count must be a whole number ≥ 0, got ${count}`);
    if (inputs.length < count * s.inputs)
      throw new RangeError(`logits: ${count} inputs need ${count * s.inputs} numbers, got ${inputs.length}`);
    const out = new Float32Array(count * s.outputs);
    if (count === 0) return out;
    const pipelines = await this.compiled();
    const { device } = this.ctx;
    const grids = this.roles().map((role) => linearGrid(s, role, this.rows, this.core));
    const rowBytes = s.ldOut * F;
    const staging = device.createBuffer({
      label: 'logits readback',
      size: count * rowBytes,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    try {
      for (let start = 0; start < count; start += this.rows) {
        const n = Math.min(this.rows, count - start);
        const chunk = inputs.subarray(start * s.inputs, (start + n) * s.inputs);
        device.queue.writeBuffer(this.buffers.input, 0, padRows(chunk, n, s.inputs, s.ldIn));
        const enc = device.createCommandEncoder({ label: 'logits' });
        const pass = enc.beginComputePass({ label: 'logits' });
        let current: GPUComputePipeline | null = null;
        pipelines.forEach((pipeline, li) => {
          if (pipeline !== current) pass.setPipeline(pipeline);
          current = pipeline;
          pass.setBindGroup(0, this.groups[li]);
          pass.dispatchWorkgroups(...grids[li]);
        });
        pass.end();
        enc.copyBufferToBuffer(this.buffers.output, 0, staging, start * rowBytes, n * rowBytes);
        device.queue.submit([enc.finish()]);
      }
      await staging.mapAsync(GPUMapMode.READ);
      const padded = new Float32Array(staging.getMappedRange());
      for (let r = 0; r < count; r++) {
        out.set(padded.subarray(r * s.ldOut, r * s.ldOut + s.outputs), r * s.outputs);
      }
      staging.unmap();
      return out;
    } finally {
      staging.destroy();
    }
  }
}
