/**
 * A ring of mappable buffers for the statistics: step n copies its stats into slot n mod RING_SIZE and maps
 * it after submitting, so reading step n's numbers never stalls the submission of step n + 1 (the UI's
 * "one frame late" mode). A slot is reused only once its previous read has finished.
 */
import { RING_SIZE } from './layout';

interface Slot {
  readonly buffer: GPUBuffer;
  pending: Promise<Float32Array> | null;
}

/** RING_SIZE buffers of `bytes` each, MAP_READ | COPY_DST. */
export class ReadbackRing {
  private readonly slots: Slot[] = [];
  private next = 0;

  constructor(
    device: GPUDevice,
    readonly bytes: number,
  ) {
    for (let i = 0; i < RING_SIZE; i++) {
      const buffer = device.createBuffer({
        size: bytes,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
        label: `stats readback ${i}`,
      });
      this.slots.push({ buffer, pending: null });
    }
  }

  /** The next slot, once its previous read (if any) has settled. */
  async reserve(): Promise<number> {
    const i = this.next;
    this.next = (i + 1) % this.slots.length;
    const pending = this.slots[i].pending;
    if (pending) await pending.catch(() => undefined);
    this.slots[i].pending = null;
    return i;
  }

  /** Records the copy of `source` (the stats buffer) into slot `i`. */
  copyInto(encoder: GPUCommandEncoder, source: GPUBuffer, i: number): void {
    encoder.copyBufferToBuffer(source, 0, this.slots[i].buffer, 0, this.bytes);
  }

  /** Maps slot `i` (call after submitting the copy) and resolves with a copy of its contents. */
  read(i: number): Promise<Float32Array> {
    const { buffer } = this.slots[i];
    const pending = buffer.mapAsync(GPUMapMode.READ).then(() => {
      const data = new Float32Array(buffer.getMappedRange().slice(0));
      buffer.unmap();
      return data;
    });
    this.slots[i].pending = pending;
    return pending;
  }

  destroy(): void {
    for (const s of this.slots) s.buffer.destroy();
  }
}
