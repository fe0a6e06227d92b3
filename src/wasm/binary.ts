/**
 * Small helpers shared by the wasm modules' loaders (kernels.ts and draws.ts), kept apart from the modules'
 * embedded binaries so that importing one loader does not pull in the other's base64.
 */

/** The bytes of a base64 string (the embedded binaries of src/wasm/build/). */
export function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Grows `memory` to at least `bytes` (wasm32: at most 4 GiB), with a readable error when it cannot. */
export function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  const page = 65536;
  const need = Math.ceil(bytes / page) - memory.buffer.byteLength / page;
  if (need <= 0) return;
  try {
    memory.grow(need);
  } catch {
    throw new RangeError(
      `wasm engine: this experiment needs ${(bytes / 2 ** 20).toFixed(0)} MiB of linear memory, more than this ` +
        `runtime grants (wasm32 allows at most 4096 MiB); reduce depth, width or batch`,
    );
  }
}
