import { describe, expect, it } from 'vitest';
import {
  EngineSelections,
  createBackend,
  type EngineLoaders,
  type EngineProbe,
} from '../../src/engine/create-backend';
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

describe('EngineSelections', () => {
  it('keeps one selection per choice, reads the loaders anew after forgetting an engine', async () => {
    let broken = false;
    let made = 0;
    const counting = (kind: BackendKind) => async (): Promise<EngineProbe> => ({
      ok: true,
      create: () => (made++, fakeBackend(kind)),
    });
    const selections = new EngineSelections(() => ({
      webgpu: broken ? no('it failed while running') : counting('webgpu'),
      wasm: counting('wasm'),
      reference: counting('reference'),
    }));
    const first = await selections.get('auto');
    expect(await selections.get('auto')).toBe(first);
    expect(first.kind).toBe('webgpu');
    expect((await selections.get('wasm')).kind).toBe('wasm');
    expect(made).toBe(2);
    broken = true;
    expect((await selections.forget('webgpu')).map((s) => s.kind)).toEqual(['webgpu']);
    expect((await selections.get('auto')).kind).toBe('wasm');
    expect(await selections.forget('reference')).toEqual([]);
  });

  it('forgets a failed creation, so the next request tries again', async () => {
    let fail = true;
    const selections = new EngineSelections(() => ({
      webgpu: no('none'),
      wasm: no('none'),
      reference: fail ? no('none') : ok('reference'),
    }));
    await expect(selections.get('auto')).rejects.toThrow(/No engine can run here/);
    fail = false;
    expect((await selections.get('auto')).kind).toBe('reference');
  });
});
