import { describe, expect, it } from 'vitest';
import { createBackend, type EngineLoaders, type EngineProbe } from '../../src/engine/create-backend';
import type { Backend, BackendKind } from '../../src/engine/backend';

function fakeBackend(kind: BackendKind): Backend {
  return {
    kind,
    init: async () => {},
    step: async () => ({ layers: [], loss: 0 }),
    dispose: () => {},
  };
}

const ok =
  (kind: BackendKind): (() => Promise<EngineProbe>) =>
  async () => ({ ok: true, create: () => fakeBackend(kind) });
const no =
  (reason: string): (() => Promise<EngineProbe>) =>
  async () => ({ ok: false, reason });

describe('createBackend', () => {
  it('prefers WebGPU when it can run', async () => {
    const loaders: EngineLoaders = { webgpu: ok('webgpu'), wasm: ok('wasm'), reference: ok('reference') };
    const s = await createBackend('auto', loaders);
    expect(s.kind).toBe('webgpu');
    expect(s.fallbacks).toEqual([]);
    expect(s.reason).toBe('using WebGPU (chosen automatically)');
  });

  it('falls back webgpu → wasm → reference and gives the reason for each fallback', async () => {
    const loaders: EngineLoaders = {
      webgpu: no('navigator.gpu is missing'),
      wasm: async () => {
        throw new Error('wasm module failed to compile\nstack…');
      },
      reference: ok('reference'),
    };
    const s = await createBackend('auto', loaders);
    expect(s.kind).toBe('reference');
    expect(s.fallbacks).toEqual([
      { kind: 'webgpu', reason: 'navigator.gpu is missing' },
      { kind: 'wasm', reason: 'failed to load (wasm module failed to compile)' },
    ]);
    expect(s.reason).toBe(
      'WebGPU is unavailable: navigator.gpu is missing; WASM-SIMD is unavailable: failed to load (wasm module failed to compile); using the float64 reference (chosen automatically)',
    );
  });

  it('starts at an explicit choice and falls back from there', async () => {
    const loaders: EngineLoaders = { webgpu: ok('webgpu'), wasm: no('no SIMD'), reference: ok('reference') };
    expect((await createBackend('reference', loaders)).kind).toBe('reference');
    const s = await createBackend('wasm', loaders);
    expect(s.kind).toBe('webgpu');
    expect(s.reason).toContain('WASM-SIMD is unavailable: no SIMD');
  });

  it('rejects with every reason when nothing can run', async () => {
    const loaders: EngineLoaders = { webgpu: no('a'), wasm: no('b'), reference: no('c') };
    await expect(createBackend('auto', loaders)).rejects.toThrow(
      'No engine can run here: WebGPU: a; WASM-SIMD: b; the float64 reference: c',
    );
  });
});
