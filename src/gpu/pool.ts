/**
 * Buffer pool of one device: buffers released by one experiment are reused by the next one of the same
 * sizes (changing the learning rate or the activation re-initializes without reallocating). Reused buffers
 * keep old contents: callers overwrite or clear them (GpuNetwork clears everything it does not upload).
 */

function key(size: number, usage: number): string {
  return `${usage}:${size}`;
}

/** Free lists of buffers by (usage, size). */
export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private live = 0;

  constructor(private readonly device: GPUDevice) {}

  /** A buffer of exactly `size` bytes (rounded up to 4, at least 16) with `usage`. */
  acquire(size: number, usage: number, label: string): GPUBuffer {
    const bytes = Math.max(16, Math.ceil(size / 4) * 4);
    const list = this.free.get(key(bytes, usage));
    const reused = list?.pop();
    this.live++;
    if (reused) {
      reused.label = label;
      return reused;
    }
    return this.device.createBuffer({ size: bytes, usage, label });
  }

  /** Returns buffers to the pool. */
  release(buffers: Iterable<GPUBuffer>): void {
    for (const b of buffers) {
      const k = key(b.size, b.usage);
      const list = this.free.get(k) ?? [];
      list.push(b);
      this.free.set(k, list);
      this.live--;
    }
  }

  /** Buffers currently handed out. */
  get inUse(): number {
    return this.live;
  }

  /** Destroys the pooled (free) buffers. */
  trim(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
  }
}
