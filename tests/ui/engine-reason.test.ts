import { describe, expect, it } from 'vitest';
import { engineReason } from '../../src/ui/EngineStatusPanel';
import { translator } from '../../src/ui/i18n';
import type { EngineInfo } from '../../src/engine/protocol';

const fellBack: EngineInfo = {
  kind: 'wasm',
  reason: 'WebGPU is unavailable: navigator.gpu is missing; using WASM-SIMD (chosen automatically)',
  fallbacks: [{ kind: 'webgpu', reason: 'navigator.gpu is missing' }],
};

describe('engineReason', () => {
  it('phrases the fallback story in English and in Chinese', () => {
    expect(engineReason(translator('en'), fellBack)).toBe(
      'WebGPU is unavailable (navigator.gpu is missing); using WASM-SIMD (CPU)',
    );
    expect(engineReason(translator('zh'), fellBack)).toBe(
      'WebGPU不可用（navigator.gpu is missing）；使用WASM-SIMD（CPU）',
    );
  });

  it('says when the reference runs because the experiment needs it', () => {
    const info: EngineInfo = {
      kind: 'reference',
      reason: '…',
      fallbacks: [],
      unsupported: 'training tied weights runs on the float64 reference engine only',
    };
    expect(engineReason(translator('en'), info)).toBe(
      'training tied weights runs on the float64 reference engine only; using Reference (float64)',
    );
  });
});
