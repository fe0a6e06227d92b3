import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse, serialize, DEFAULT_EXPERIMENT, SCHEMA, experimentWith } from '../../src/state';
import { MAX_WARNINGS } from '../../src/state/parse';
import { SELU_ALPHA, SELU_LAMBDA } from '../../src/engine/activations';
import type { Experiment } from '../../src/engine/experiment';
import type { Migration } from '../../src/state/migrations';
import { reconciled } from './reconciled';

/** Arbitrary valid experiments, drawn from the schema table itself. */
const experimentArb: fc.Arbitrary<Experiment> = fc
  .record(
    Object.fromEntries(
      SCHEMA.map((spec) => {
        if (spec.key === 'v') return [spec.key, fc.constant(1)];
        if (spec.kind === 'enum') return [spec.key, fc.constantFrom(...spec.values)];
        if (spec.kind === 'int') return [spec.key, fc.integer({ min: spec.min, max: spec.max })];
        const min = spec.minExclusive ? spec.min + 1e-6 : spec.min;
        return [spec.key, fc.double({ min, max: spec.max, noNaN: true }).map((x) => (x === 0 ? 0 : x))];
      }),
    ) as Record<keyof Experiment, fc.Arbitrary<unknown>>,
  )
  .map((e) => reconciled(e as Experiment)) as fc.Arbitrary<Experiment>;

describe('parse', () => {
  it('gives the defaults of EXPERIMENT.md for an empty query', () => {
    const { experiment, warnings } = parse('');
    expect(warnings).toEqual([]);
    expect(experiment).toEqual({
      v: 1,
      act: 'elu',
      alpha: 1,
      lambda: SELU_LAMBDA,
      slope: 0.01,
      knob: 0,
      depth: 20,
      width: 256,
      batch: 256,
      init: 'lecun',
      dist: 'normal',
      sw: 1,
      sb: 0,
      in_mean: 0,
      in_std: 1,
      seed: 1,
      lr: 0.01,
      steps: 0,
      loss: 'mse',
      tied: 0,
      nonneg: 0,
      data: 'none',
      noise: 0.1,
    });
  });

  it('defaults loss to xent with a data set, and mends combinations that mean nothing, with a warning', () => {
    expect(parse('data=spiral').experiment.loss).toBe('xent');
    expect(parse('data=spiral').warnings).toEqual([]);
    expect(parse('data=digits&loss=mse').experiment.loss).toBe('mse');
    expect(serialize(parse('data=circles').experiment)).toBe('v=1&data=circles');
    expect(serialize(parse('data=circles&loss=mse').experiment)).toBe('v=1&loss=mse&data=circles');
    const xent = parse('loss=xent');
    expect(xent.experiment.loss).toBe('mse');
    expect(xent.warnings).toEqual([expect.objectContaining({ kind: 'invalid', key: 'loss' })]);
    const probe = parse('data=xor&loss=probe');
    expect(probe.experiment.loss).toBe('xent');
    expect(probe.warnings.map((w) => w.key)).toEqual(['loss']);
    const tied = parse('data=gauss&tied=1');
    expect(tied.experiment.tied).toBe(0);
    expect(tied.warnings[0].message).toMatch(/tied/);
    expect(parse('data=moons').warnings[0]).toMatchObject({ kind: 'invalid', key: 'data' });
    expect(parse('data=spiral&noise=3').experiment.noise).toBe(1);
  });

  it("defaults alpha to SELU's α₀₁ for selu, and keeps an explicit alpha", () => {
    expect(parse('act=selu').experiment.alpha).toBe(SELU_ALPHA);
    expect(parse('act=selu&alpha=1.5').experiment.alpha).toBe(1.5);
    expect(parse('?act=elu&alpha=0.5').experiment.alpha).toBe(0.5);
  });

  it('accepts a query with or without ?, and a whole share URL', () => {
    const expected = parse('depth=7&act=relu').experiment;
    expect(parse('?depth=7&act=relu').experiment).toEqual(expected);
    expect(parse('http://127.0.0.1:5173/?depth=7&act=relu#top').experiment).toEqual(expected);
    expect(parse('https://example.org/left-of-zero/index.html?v=1&depth=7&act=relu').experiment).toEqual(
      expected,
    );
    expect(parse('https://example.org/').experiment).toEqual(DEFAULT_EXPERIMENT);
  });

  it('clamps out-of-range values with a warning naming the key', () => {
    const { experiment, warnings } = parse('depth=5000&width=0&alpha=-1&lambda=0&seed=4294967296');
    expect(experiment.depth).toBe(1000);
    expect(experiment.width).toBe(1);
    expect(experiment.alpha).toBe(0);
    expect(experiment.lambda).toBeGreaterThan(0);
    expect(experiment.seed).toBe(4294967295);
    expect(warnings.map((w) => [w.kind, w.key])).toEqual([
      ['clamped', 'alpha'],
      ['clamped', 'lambda'],
      ['clamped', 'depth'],
      ['clamped', 'width'],
      ['clamped', 'seed'],
    ]);
  });

  it('falls back to the default for bad values, with a warning', () => {
    const { experiment, warnings } = parse('act=elux&depth=abc&lr=NaN&sw=Infinity&width=0x10&init=');
    expect(experiment).toEqual(DEFAULT_EXPERIMENT);
    expect(warnings.map((w) => `${w.kind}:${w.key}`).sort()).toEqual(
      ['invalid:act', 'invalid:depth', 'invalid:init', 'invalid:lr', 'invalid:sw', 'invalid:width'].sort(),
    );
    expect(warnings.find((w) => w.key === 'act')!.message).toContain('relu, leaky, elu, selu, silu, hybrid');
  });

  it('rounds fractional integers and clamps huge numbers', () => {
    const { experiment, warnings } = parse('depth=12.6&batch=1e400&in_mean=-1e308');
    expect(experiment.depth).toBe(13);
    expect(experiment.batch).toBe(8192);
    expect(experiment.in_mean).toBe(-1e6);
    expect(warnings).toHaveLength(3);
  });

  it('ignores unknown keys and prototype keys with a warning', () => {
    const { experiment, warnings } = parse('__proto__=x&constructor=1&toString=2&depth=3&foo=bar');
    expect(experiment.depth).toBe(3);
    expect(Object.getPrototypeOf(experiment)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(warnings.filter((w) => w.kind === 'unknown').map((w) => w.key)).toEqual([
      '__proto__',
      'constructor',
      'toString',
      'foo',
    ]);
  });

  it('keeps script fragments as plain, short text in warnings', () => {
    const hostile = `act=<script>alert(1)</script>&<img src=x onerror=alert(1)>=1&x=${'A'.repeat(500)}`;
    const { experiment, warnings } = parse(hostile);
    expect(experiment.act).toBe('elu');
    for (const w of warnings) expect(w.message.length).toBeLessThan(200);
    expect(warnings[0].message).toContain('<script>alert(1)</script>');
  });

  it('handles a 100 kB query and caps the warnings', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => `k${i}=${i}`).join('&') + '&depth=4';
    expect(big.length).toBeGreaterThan(100_000);
    const { experiment, warnings } = parse(big);
    expect(experiment.depth).toBe(4);
    expect(warnings).toHaveLength(MAX_WARNINGS);
    expect(warnings.at(-1)!.message).toContain('9981 more');
  });

  it('reads a missing v as the newest version and warns about a newer one', () => {
    expect(parse('depth=3').warnings).toEqual([]);
    const newer = parse('v=99&depth=3');
    expect(newer.experiment.depth).toBe(3);
    expect(newer.warnings.map((w) => w.kind)).toEqual(['version']);
    expect(parse('v=zero').warnings.map((w) => w.kind)).toEqual(['version']);
  });

  it('runs the migration hook from an old version', () => {
    // A hypothetical v0 → v1 migration, injected: v0 called the depth "layers".
    const renameLayers: Migration = (params) => {
      const layers = params.get('layers');
      params.delete('layers');
      if (layers !== undefined) params.set('depth', layers);
    };
    // parse() only migrates from versions ≥ 1, so exercise the hook with SCHEMA_VERSION − 1 = 0 by hand.
    const params = new Map([['layers', '9']]);
    renameLayers(params, []);
    expect(params.get('depth')).toBe('9');
    expect(parse('v=1&layers=9', { 0: renameLayers }).warnings.map((w) => w.key)).toEqual(['layers']);
  });

  it('warns about repeated keys and uses the last value', () => {
    const { experiment, warnings } = parse('depth=3&depth=4');
    expect(experiment.depth).toBe(4);
    expect(warnings.map((w) => w.kind)).toEqual(['duplicate']);
  });

  it('reads enum values case-insensitively and reads the backend choice', () => {
    const { experiment, view, warnings } = parse('act=SELU&backend=reference');
    expect(experiment.act).toBe('selu');
    expect(view.backend).toBe('reference');
    expect(warnings).toEqual([]);
  });

  it('never throws and always returns a valid experiment (arbitrary strings)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), queryLike()), (s) => {
        const { experiment } = parse(s);
        expectValid(experiment);
      }),
      { numRuns: 500 },
    );
  });
});

describe('serialize', () => {
  it('is v=1 alone for the default experiment', () => {
    expect(serialize(DEFAULT_EXPERIMENT)).toBe('v=1');
  });

  it('writes only changed keys, in table order', () => {
    const e = experimentWith({ depth: 50, act: 'selu', width: 1024, in_std: 0.1 });
    expect(serialize(e)).toBe('v=1&act=selu&depth=50&width=1024&in_std=0.1');
  });

  it('round-trips every valid experiment exactly, with no warnings', () => {
    fc.assert(
      fc.property(experimentArb, (e) => {
        const q = serialize(e);
        const back = parse(q);
        expect(back.warnings).toEqual([]);
        expect(back.experiment).toEqual(e);
        expect(serialize(back.experiment)).toBe(q);
      }),
      { numRuns: 500 },
    );
  });

  it('is canonical: any query serializes to a fixed point of parse ∘ serialize', () => {
    fc.assert(
      fc.property(queryLike(), (s) => {
        const once = serialize(parse(s).experiment);
        expect(serialize(parse(once).experiment)).toBe(once);
      }),
    );
  });
});

/** Query strings made of real and unknown keys with plausible and hostile values. */
function queryLike(): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...SCHEMA.map((s) => s.key), '__proto__', 'v'), fc.string());
  const value = fc.oneof(
    fc.double().map(String),
    fc.integer().map(String),
    fc.constantFrom('relu', 'selu', 'NaN', '-0', '1e999', '<script>', 'orthogonal', 'probe'),
    fc.string(),
  );
  return fc
    .array(fc.tuple(key, value), { maxLength: 12 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
}

function expectValid(e: Experiment): void {
  for (const spec of SCHEMA) {
    const value = e[spec.key];
    if (spec.kind === 'enum') expect(spec.values).toContain(value);
    else {
      expect(typeof value).toBe('number');
      expect(Number.isFinite(value)).toBe(true);
      expect(value as number).toBeGreaterThanOrEqual(spec.min);
      expect(value as number).toBeLessThanOrEqual(spec.max);
      if (spec.kind === 'int') expect(Number.isInteger(value)).toBe(true);
    }
  }
}
