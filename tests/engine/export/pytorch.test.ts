/**
 * The PyTorch export: the script is valid Python for every option; its seeded draws (`--draws`, and layers
 * beyond the first through its functions) equal init.ts's exactly; its EXPERIMENT dict reads back exactly;
 * a hostile share link cannot inject code; its φ, φ′, ∂φ/∂k and custom backward equal activations.ts's
 * (checked through a numpy stand-in for torch); and a whole run matches the reference engine's statistics of
 * every layer to 1e-9, in real torch (TORCH_PYTHON: /usr/bin/python3 when it has torch) and on the stand-in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeActivation } from '../../../src/engine/activations';
import {
  ACTIVATIONS,
  type Experiment,
  INIT_SCHEMES,
  LOSSES,
  WEIGHT_DISTS,
} from '../../../src/engine/experiment';
import { pythonFloat, pytorchScript } from '../../../src/engine/export/pytorch';
import { initBias, initWeights, makeInputs, makeTargets } from '../../../src/engine/init';
import { experimentWith } from '../../../src/state/schema';
import {
  FAKE_TORCH,
  HAS_NUMPY,
  HAS_TORCH,
  PYTHON3_HAS_TORCH,
  ScriptDir,
  TORCH_PYTHON,
  evalInScript,
  python,
} from './python';
import { batchedRuns, expectSameRun, referenceRun } from './runs';

const dir = new ScriptDir();
afterAll(() => dir.cleanup());

const small = (partial: Partial<Experiment>): Experiment =>
  experimentWith({ depth: 3, width: 12, batch: 6, ...partial });

interface Draws {
  w1: number[];
  x: number[];
  y: number[];
  b1?: number[];
}

function draws(exp: Experiment, count: number, pure = false): Draws {
  const script = dir.write(pytorchScript(exp));
  return JSON.parse(python([script, '--draws', String(count), ...(pure ? ['--pure-python'] : [])])) as Draws;
}

const head = (v: Float64Array, count: number): number[] => Array.from(v.subarray(0, count));

describe('pytorchScript: valid Python', () => {
  it('compiles (python3 -m py_compile) for every activation, loss, init, dist, tied, nonneg, bias', () => {
    const cases: Experiment[] = [];
    ACTIVATIONS.forEach((act, i) => {
      for (const loss of LOSSES) {
        cases.push(experimentWith({ act, loss, knob: act === 'hybrid' ? 0.4 : 0, tied: i % 2, sb: 0.1 * i }));
      }
    });
    INIT_SCHEMES.forEach((init, i) => {
      for (const dist of WEIGHT_DISTS) {
        cases.push(experimentWith({ init, dist, sw: 1.3, nonneg: i % 2, tied: (i >> 1) % 2, steps: 5 }));
      }
    });
    cases.push(experimentWith({ act: 'hybrid', tied: 1, nonneg: 1, sb: 0.2, steps: 100, lr: 1e-7 }));
    const files = cases.map((e, i) =>
      dir.write(pytorchScript(e, i % 3 === 0 ? undefined : `?v=1&seed=${i}`)),
    );
    expect(() => python(['-m', 'py_compile', ...files])).not.toThrow();
  });

  it('py_compile does reject broken Python (the check above can fail)', () => {
    const broken = dir.write(`${pytorchScript(experimentWith({}))}\ndef broken(:\n`);
    expect(() => python(['-m', 'py_compile', broken])).toThrow();
  });

  it.skipIf(PYTHON3_HAS_TORCH)('without torch, a run exits with a message instead of a traceback', () => {
    const script = dir.write(pytorchScript(small({})));
    let stderr = '';
    try {
      python([script]);
    } catch (e) {
      stderr = String((e as { stderr?: string }).stderr);
    }
    expect(stderr).toContain('needs PyTorch');
    expect(stderr).not.toContain('Traceback');
  });
});

describe('pytorchScript: the EXPERIMENT dict and the header', () => {
  it('the dict reads back in Python as exactly the experiment', () => {
    const cases = [
      experimentWith({}),
      experimentWith({ act: 'selu', alpha: 1.6732632423543772, lambda: 1e-6, in_mean: -1e6, in_std: 0.1 }),
      experimentWith({ act: 'hybrid', knob: 0.30000000000000004, lr: 1e-7, seed: 4294967295, sw: 2.5e-5 }),
      experimentWith({
        init: 'custom',
        dist: 'orthogonal',
        tied: 1,
        nonneg: 1,
        steps: 100000,
        loss: 'probe',
      }),
    ];
    for (const e of cases) expect(evalInScript(dir.write(pytorchScript(e)), 'EXPERIMENT')).toEqual({ ...e });
  });

  it('floats are written as Python floats that read back exactly', () => {
    expect(pythonFloat(1)).toBe('1.0');
    expect(pythonFloat(-0)).toBe('-0.0');
    expect(pythonFloat(1e21)).toBe('1e+21');
    expect(pythonFloat(0.1)).toBe('0.1');
    const values = [1, 0.1, 1e-7, 5e-324, 1.7976931348623157e308, -2.5, 1e21, 123456789.125];
    const program = `import json; print(json.dumps([${values.map(pythonFloat).join(', ')}]))`;
    expect(JSON.parse(python(['-c', program]))).toEqual(values);
  });

  it('carries the share link in the header, and a hostile link cannot inject code', () => {
    const e = small({ seed: 5 });
    const hostile = 'https://example.org/?v=1&seed=5\nimport os\r\n"""\\ü\u2028os.system("x")';
    const source = pytorchScript(e, hostile);
    const lines = source.split('\n');
    expect(lines.find((l) => l.startsWith('# Share link: '))).toBe(
      '# Share link: https://example.org/?v=1&seed=5%0Aimport%20os%0D%0A%22%22%22%5C%C3%BC%E2%80%A8os.system(%22x%22)',
    );
    expect(lines.filter((l) => l.trim() === 'import os')).toEqual([]);
    expect(source).not.toContain('\r');
    const script = dir.write(source);
    expect(() => python(['-m', 'py_compile', script])).not.toThrow();
    expect(evalInScript(script, 'EXPERIMENT')).toEqual({ ...e });
    expect(pytorchScript(e, 'https://example.org/?v=1')).toContain(
      '# Share link: https://example.org/?v=1\n',
    );
  });
});

describe('pytorchScript: draws identical to init.ts', () => {
  const cases: [string, Experiment][] = [
    ['defaults (lecun, normal, seed 1)', small({})],
    ['he, uniform, seed 0', small({ init: 'he', dist: 'uniform', seed: 0 })],
    ['xavier, normal, seed 4294967295, bias', small({ init: 'xavier', seed: 4294967295, sb: 0.7 })],
    [
      'custom sw, uniform, bias, shifted inputs',
      small({ init: 'custom', sw: 1.7, dist: 'uniform', sb: 2, in_mean: -2.5, in_std: 0.3 }),
    ],
    ['lecun, orthogonal, seed 0', small({ dist: 'orthogonal', seed: 0 })],
    [
      'he, orthogonal, seed 4294967295',
      small({ init: 'he', dist: 'orthogonal', seed: 4294967295, width: 16 }),
    ],
    ['tied, bias', small({ tied: 1, sb: 0.5, seed: 3 })],
    ['nonneg, normal', small({ nonneg: 1, seed: 8 })],
    ['nonneg, tied, uniform', small({ nonneg: 1, tied: 1, dist: 'uniform', init: 'he', seed: 9 })],
    [
      'nonneg, custom, orthogonal',
      small({ nonneg: 1, init: 'custom', sw: 0.8, dist: 'orthogonal', seed: 21 }),
    ],
  ];

  for (const [name, e] of cases) {
    it(`--draws 50: ${name}`, () => {
      const d = draws(e, 50);
      expect(d.w1.length).toBe(50);
      expect(d.w1).toEqual(head(initWeights(e, 1), 50));
      expect(d.x).toEqual(head(makeInputs(e), 50));
      expect(d.y).toEqual(head(makeTargets(e), 50));
      if (e.sb > 0) expect(d.b1).toEqual(head(initBias(e, 1), 50));
      else expect(d.b1).toBeUndefined();
    });
  }

  it('whole arrays, orthogonal, with and without numpy (same bits either way)', () => {
    const e = small({ dist: 'orthogonal', width: 16, batch: 5, seed: 77, init: 'xavier' });
    const all = 1e6;
    const expected = {
      w1: head(initWeights(e, 1), all),
      x: head(makeInputs(e), all),
      y: head(makeTargets(e), all),
    };
    expect(draws(e, all, true)).toEqual(expected);
    if (HAS_NUMPY) expect(draws(e, all)).toEqual(expected);
  });

  it('deeper layers and their biases come from their own streams (and layer 1’s when tied)', () => {
    for (const e of [small({ sb: 0.4, seed: 12 }), small({ sb: 0.4, seed: 12, tied: 1, nonneg: 1 })]) {
      const script = dir.write(pytorchScript(e));
      const got = evalInScript(
        script,
        '[init_weights(EXPERIMENT, 3), init_bias(EXPERIMENT, 2)]',
      ) as number[][];
      expect(got[0]).toEqual(Array.from(initWeights(e, 3)));
      expect(got[1]).toEqual(Array.from(initBias(e, 2)));
    }
  });

  it('a long normal stream stays identical (fdlibm log/sin/cos, not the C library’s)', () => {
    // 40 000 normals: Python's math.log/sin/cos differ from V8's in a few per cent of these.
    const e = experimentWith({ width: 200, batch: 200, seed: 2024 });
    const d = draws(e, 40_000);
    expect(d.x).toEqual(head(makeInputs(e), 40_000));
  });
});

// A numpy stand-in for the few torch functions the activation code uses, so its formulas can be checked here.
const SHIM = `
import numpy as np
class _Ctx:
    def save_for_backward(self, *t):
        self.saved_tensors = t
class _Function:
    last = None
    @classmethod
    def apply(cls, *args):
        ctx = _Ctx()
        _Function.last = (cls, ctx)
        return cls.forward(ctx, *args)
def _sigmoid(z):
    with np.errstate(over='ignore'):
        e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
class shim:
    where = staticmethod(np.where)
    exp = staticmethod(lambda z: np.exp(z))
    expm1 = staticmethod(lambda z: np.expm1(z))
    zeros_like = staticmethod(np.zeros_like)
    ones_like = staticmethod(np.ones_like)
    full_like = staticmethod(np.full_like)
    sigmoid = staticmethod(_sigmoid)
    class autograd:
        Function = _Function
np.seterr(over='ignore')
def check(z, k, grad):
    z = np.array(z); grad = np.array(grad)
    apply_phi, dphi = g['activation'](shim, g['EXPERIMENT'])
    h = apply_phi(z, np.float64(k))
    cls, ctx = _Function.last
    dz, dk = cls.backward(ctx, grad)
    return [h.tolist(), dphi(z, np.float64(k)).tolist(), dz.tolist(), None if dk is None else float(dk)]
`;

describe.skipIf(!HAS_NUMPY)('pytorchScript: φ, φ′ (left branch at 0), ∂φ/∂k and the backward', () => {
  const z = [-800, -40, -17.5, -3, -1, -1e-300, 0, 1e-300, 0.25, 2, 30];
  const grad = z.map((_, i) => 0.5 + 0.1 * i);
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-14 * Math.max(Math.abs(b), 1e-300);
  for (const act of ACTIVATIONS) {
    it(act, () => {
      const e = experimentWith({ act, slope: 0.05, knob: 0.35, ...(act === 'selu' ? {} : { alpha: 1.3 }) });
      const k = 0.35;
      const [h, d, dz, dk] = evalInScript(
        dir.write(pytorchScript(e)),
        `check(${JSON.stringify(z)}, ${k}, ${JSON.stringify(grad)})`,
        SHIM,
      ) as [number[], number[], number[], number | null];
      const a = makeActivation({ act, alpha: e.alpha, lambda: e.lambda, slope: e.slope, knob: k });
      z.forEach((v, i) => {
        expect(close(h[i], a.phi(v)), `φ(${v}) = ${h[i]} vs ${a.phi(v)}`).toBe(true);
        expect(close(d[i], a.dphi(v)), `φ′(${v}) = ${d[i]} vs ${a.dphi(v)}`).toBe(true);
        expect(close(dz[i], grad[i] * a.dphi(v)), `backward at ${v}`).toBe(true);
      });
      // At z = 0 the left branch: ReLU′(0) = 0, ELU′(0) = α (exactly).
      expect(d[6]).toBe(a.dphi(0));
      if (act === 'hybrid') {
        const expected = z.reduce((s, v, i) => s + grad[i] * a.dphiDknob(v), 0);
        expect(close(dk as number, expected)).toBe(true);
      } else expect(dk).toBeNull();
    });
  }
});

describe('pytorchScript: a whole run in PyTorch', () => {
  const cases: [string, Experiment][] = [
    ['elu, signal propagation', small({ act: 'elu', depth: 4, width: 16, batch: 8 })],
    [
      'hybrid, 3 SGD steps, bias',
      small({ act: 'hybrid', knob: 0.5, steps: 3, lr: 0.05, sb: 0.2, width: 16, batch: 8 }),
    ],
    [
      'selu, tied, nonneg, probe, 2 steps',
      small({ act: 'selu', tied: 1, nonneg: 1, loss: 'probe', steps: 2, lr: 0.1 }),
    ],
    // lr large enough that the projection clamps k at both 0 and 1 (knobs after the steps: 0, 0, 1)
    ['hybrid, k clamped to [0, 1]', small({ act: 'hybrid', knob: 0.9, lr: 2, steps: 2 })],
    [
      'relu, orthogonal he, 2 steps',
      small({ act: 'relu', init: 'he', dist: 'orthogonal', steps: 2, lr: 0.1 }),
    ],
  ];
  const scripts = (): string[] => cases.map(([, e]) => dir.write(pytorchScript(e)));
  const torchRuns = batchedRuns(scripts, TORCH_PYTHON ?? 'python3');
  const fakeRuns = batchedRuns(scripts, 'python3', FAKE_TORCH);

  cases.forEach(([name, e], i) => {
    it.skipIf(!HAS_TORCH)(`every layer matches the reference engine to 1e-9: ${name}`, async () => {
      expectSameRun(torchRuns(i), await referenceRun(e), e.depth);
    });
  });

  // Without torch: the script's own network, SGD loop and statistics code, run on a numpy stand-in for the
  // few torch calls it makes (fake_torch/), must give the reference engine's numbers for every layer.
  cases.forEach(([name, e], i) => {
    it.skipIf(!HAS_NUMPY)(
      `with a numpy stand-in for torch, every layer matches to 1e-9: ${name}`,
      async () => {
        expectSameRun(fakeRuns(i), await referenceRun(e), e.depth);
      },
    );
  });
});
