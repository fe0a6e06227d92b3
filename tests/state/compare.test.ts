import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_VIEW,
  MAX_COMPARED,
  SCHEMA,
  comparedExperiment,
  parse,
  runList,
  serialize,
  type Overrides,
} from '../../src/state';
import { SELU_ALPHA } from '../../src/engine/activations';
import type { Experiment } from '../../src/engine/experiment';
import { reconciled } from './reconciled';

/** Arbitrary valid values of one experiment key, drawn from the schema table. */
function valueArb(key: string): fc.Arbitrary<number | string> {
  const spec = SCHEMA.find((s) => s.key === key)!;
  if (spec.kind === 'enum') return fc.constantFrom(...spec.values);
  if (spec.kind === 'int') return fc.integer({ min: spec.min, max: spec.max });
  const min = spec.minExclusive ? spec.min + 1e-6 : spec.min;
  return fc.double({ min, max: spec.max, noNaN: true }).map((x) => (x === 0 ? 0 : x));
}

const KEYS = SCHEMA.map((s) => s.key).filter((k) => k !== 'v');

/** Arbitrary overrides: 1–4 distinct keys with valid values. */
const overridesArb: fc.Arbitrary<Overrides> = fc
  .uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 4 })
  .chain((keys) => fc.tuple(...keys.map((k) => valueArb(k).map((v) => [k, v] as const))))
  .map((pairs) => Object.fromEntries(pairs) as Overrides);

const experimentArb = fc
  .record(Object.fromEntries(SCHEMA.map((s) => [s.key, s.key === 'v' ? fc.constant(1) : valueArb(s.key)])))
  .map((e) => reconciled(e as unknown as Experiment));

describe('compared runs (vs)', () => {
  it('reads repeated vs keys in order, as overrides, with no warnings', () => {
    const { experiment, compare, warnings } = parse('act=relu&depth=30&vs=act:elu&vs=act:selu');
    expect(warnings).toEqual([]);
    expect(experiment.act).toBe('relu');
    expect(compare).toEqual([{ act: 'elu' }, { act: 'selu' }]);
  });

  it('reads several overrides in one vs, in any order, enum values case-insensitively', () => {
    const { compare, warnings } = parse('vs=alpha:0.5,act:ELU, init:He');
    expect(warnings).toEqual([]);
    expect(compare).toEqual([{ act: 'elu', alpha: 0.5, init: 'he' }]);
  });

  it('serializes vs last, in the order given, keys in schema order, readable', () => {
    const { experiment, view, compare } = parse('vs=init:he,act:selu&lang=zh&act=relu&vs=alpha:2');
    expect(serialize(experiment, view, compare)).toBe('v=1&act=relu&lang=zh&vs=act:selu,init:he&vs=alpha:2');
  });

  it('round-trips: parse(serialize(e, view, compare)) gives them back with no warnings', () => {
    fc.assert(
      fc.property(experimentArb, fc.array(overridesArb, { maxLength: MAX_COMPARED }), (e, compare) => {
        const parsed = parse(serialize(e, DEFAULT_VIEW, compare));
        expect(parsed.warnings).toEqual([]);
        expect(parsed.experiment).toEqual(e);
        expect(parsed.compare).toEqual(compare);
        // Canonical: serializing what was read gives the same string.
        expect(serialize(parsed.experiment, parsed.view, parsed.compare)).toBe(
          serialize(e, DEFAULT_VIEW, compare),
        );
      }),
    );
  });

  it('warns about unknown keys, page settings, vs itself, unreadable values; never throws', () => {
    const { compare, warnings } = parse('vs=act:elux,depth:abc,lang:en,vs:1,foo:2,seed,alpha:0.5');
    expect(compare).toEqual([{ alpha: 0.5 }]);
    const text = warnings.map((w) => w.message).join('\n');
    expect(text).toMatch(/act="elux" is not one of/);
    expect(text).toMatch(/depth="abc" is not a number/);
    expect(text).toMatch(/"lang" is a page setting/);
    expect(text).toMatch(/"vs" cannot be overridden/);
    expect(text).toMatch(/unknown key "foo"/);
    expect(text).toMatch(/"seed" has no value/);
    expect(warnings.find((w) => w.message.includes('"foo"'))?.kind).toBe('unknown');
    expect(warnings.find((w) => w.message.includes('elux'))?.kind).toBe('invalid');
  });

  it('clamps out-of-range overrides with a warning, and leaves out a vs that overrides nothing', () => {
    const { compare, warnings } = parse('vs=depth:5000&vs=&vs=junk');
    expect(compare).toEqual([{ depth: 1000 }]);
    expect(warnings.map((w) => w.kind)).toEqual(['clamped', 'invalid', 'unknown', 'invalid']);
  });

  it(`keeps at most ${MAX_COMPARED} compared runs, with a warning for the rest`, () => {
    const { compare, warnings } = parse('vs=seed:2&vs=seed:3&vs=seed:4&vs=seed:5&vs=seed:6');
    expect(compare).toEqual([{ seed: 2 }, { seed: 3 }, { seed: 4 }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/At most 3 compared runs/);
  });

  it('never throws on hostile vs values', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: 'binary' }))), (values) => {
        const query = values.map((v) => `vs=${encodeURIComponent(v)}`).join('&');
        const { compare } = parse(query);
        expect(compare.length).toBeLessThanOrEqual(MAX_COMPARED);
      }),
    );
  });

  it('a link without vs reads exactly as before (no compared runs)', () => {
    expect(parse('act=selu&depth=50').compare).toEqual([]);
    expect(serialize(parse('act=selu&depth=50').experiment)).toBe('v=1&act=selu&depth=50');
  });
});

describe('the run list', () => {
  it('a compared run is the main query with its keys replaced: same seed, follows the rest', () => {
    const main = parse('act=relu&depth=30&seed=7&width=64').experiment;
    const elu = comparedExperiment(main, { act: 'elu' });
    expect(elu).toEqual({ ...main, act: 'elu' });
    // SELU under a default α takes SELU's own α, as the link act=selu would.
    expect(comparedExperiment(main, { act: 'selu' }).alpha).toBe(SELU_ALPHA);
    expect(comparedExperiment(main, { seed: 9 }).seed).toBe(9);
    // Equal to what its own query gives.
    expect(parse(serialize(elu)).experiment).toEqual(elu);
  });

  it('labels each run by what sets it apart', () => {
    const labels = (q: string) => {
      const { experiment, compare } = parse(q);
      return runList(experiment, compare).map((m) => m.label);
    };
    expect(labels('act=relu&vs=act:elu&vs=act:selu')).toEqual(['ReLU', 'ELU', 'SELU']);
    expect(labels('act=elu&alpha=0.5&vs=alpha:1&vs=alpha:2')).toEqual([
      'ELU α = 0.5',
      'ELU α = 1',
      'ELU α = 2',
    ]);
    expect(labels('act=relu&vs=init:he')).toEqual(['ReLU · LeCun', 'ReLU · He']);
    expect(labels('vs=depth:50,act:selu')).toEqual(['ELU · depth 20', 'SELU · depth 50']);
    expect(labels('vs=seed:1')).toEqual(['ELU', 'ELU (2)']);
    expect(labels('act=hybrid')).toEqual(['hybrid']);
  });
});
