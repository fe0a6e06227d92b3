/**
 * Canonical `serialize()`: `v` first, then every key that differs from its default, in table order, with
 * numbers in their shortest round-trip form, then the compared runs. Equal experiments give equal strings, and
 * `parse(serialize(e, view, compare))` gives `e`, `view` and `compare` back with no warnings.
 */
import type { Experiment } from '../engine/experiment';
import { SCHEMA, SCHEMA_VERSION, defaultOf } from './schema';
import { serializeComparisons, type Overrides } from './compare';
import { DEFAULT_VIEW, VIEW_SCHEMA, type ViewSettings } from './view';
import type { SweepSpec } from '../engine/sweep/types';
import { serializeSweep } from './sweep';

/**
 * The query string (without `?`) of an experiment and, optionally, page settings, a sweep (`sx`, `sy`, `metric`)
 * and compared runs (`vs`, last, in the order given).
 */
export function serialize(
  experiment: Experiment,
  view: ViewSettings = DEFAULT_VIEW,
  compare: readonly Overrides[] = [],
  sweep: SweepSpec | null = null,
): string {
  const out = new URLSearchParams();
  out.set('v', String(SCHEMA_VERSION));
  for (const spec of SCHEMA) {
    if (spec.key === 'v') continue;
    const value = experiment[spec.key];
    if (value !== defaultOf(spec, experiment)) out.set(spec.key, String(value));
  }
  for (const spec of VIEW_SCHEMA) {
    if (view[spec.key] !== spec.default) out.set(spec.key, String(view[spec.key]));
  }
  const parts = [out.toString()];
  if (sweep) parts.push(serializeSweep(sweep));
  if (compare.length > 0) parts.push(serializeComparisons(compare));
  return parts.join('&');
}
