/**
 * Compared runs (`vs`, repeatable): each value is a comma-separated list of `key:value` overrides of the main
 * experiment (`vs=act:elu,alpha:0.5`). A compared run is the main run's query with those keys replaced, read
 * through parse() like any link: it keeps the main run's seed (so the same draws) unless it overrides `seed`,
 * and it follows every change of a key it does not override. A view is then a list of experiments: the main
 * run first, then the compared ones, each with a label naming what differs (runList).
 */
import type { Experiment } from '../engine/experiment';
import type { ParseWarning } from './parse';
import { quote, readValue } from './read-value';
import { SCHEMA, type FieldSpec } from './schema';
import { VIEW_SCHEMA } from './view';

/** The URL key of a compared run. */
export const COMPARE_KEY = 'vs';

/** At most this many compared runs (besides the main one). */
export const MAX_COMPARED = 3;

/** Experiment keys a compared run may override: every one but the schema version. */
export type OverridableKey = Exclude<keyof Experiment, 'v'>;

/** One compared run: the keys it overrides, with values already read (clamped, enums lower-case). */
export type Overrides = Readonly<Partial<Record<OverridableKey, number | string>>>;

const OVERRIDABLE: ReadonlyMap<string, FieldSpec> = new Map(
  SCHEMA.filter((f) => f.key !== 'v').map((f) => [f.key, f]),
);
const PAGE_SETTINGS: ReadonlySet<string> = new Set([...VIEW_SCHEMA.map((f) => f.key), 'v']);

/**
 * Reads the `vs` values of a link, in order: unknown keys, page settings, `vs` itself, unreadable values and a
 * 4th compared run are warnings (the override or the run is left out); clamped values are clamped, with a
 * warning, as for every key. A `vs` with no usable override is left out.
 */
export function readComparisons(values: readonly string[], warnings: ParseWarning[]): Overrides[] {
  const out: Overrides[] = [];
  let tooMany = false;
  values.forEach((value) => {
    const which = `vs="${quote(value)}"`;
    if (out.length >= MAX_COMPARED) {
      if (!tooMany)
        warnings.push({
          kind: 'invalid',
          key: COMPARE_KEY,
          message: `At most ${MAX_COMPARED} compared runs (vs): ${which} and any later ones ignored.`,
        });
      tooMany = true;
      return;
    }
    const overrides: Record<string, number | string> = {};
    for (const part of value.split(',')) {
      if (part.trim() === '') continue;
      const colon = part.indexOf(':');
      const key = (colon < 0 ? part : part.slice(0, colon)).trim();
      const raw = colon < 0 ? undefined : part.slice(colon + 1);
      const spec = OVERRIDABLE.get(key);
      const problem =
        key === COMPARE_KEY
          ? `"vs" cannot be overridden`
          : PAGE_SETTINGS.has(key)
            ? `"${quote(key)}" is a page setting, not part of a run`
            : !spec
              ? `unknown key "${quote(key)}"`
              : raw === undefined
                ? `"${quote(key)}" has no value (write ${quote(key)}:value)`
                : undefined;
      if (problem || !spec || raw === undefined) {
        // An unknown key is a warning as elsewhere in a link; a key that cannot be overridden is an error.
        const kind = !spec && !PAGE_SETTINGS.has(key) && key !== COMPARE_KEY ? 'unknown' : 'invalid';
        warnings.push({ kind, key: COMPARE_KEY, message: `In ${which}: ${problem}; ignored.` });
        continue;
      }
      const read = readValue(spec, raw);
      if ('invalid' in read) {
        warnings.push({
          kind: 'invalid',
          key: COMPARE_KEY,
          message: `In ${which}: ${read.invalid}; ignored.`,
        });
        continue;
      }
      if (read.note)
        warnings.push({ kind: 'clamped', key: COMPARE_KEY, message: `In ${which}: ${read.note}` });
      if (key in overrides)
        warnings.push({
          kind: 'duplicate',
          key: COMPARE_KEY,
          message: `In ${which}: "${key}" given twice: the last value is used.`,
        });
      overrides[key] = read.value;
    }
    if (Object.keys(overrides).length === 0) {
      warnings.push({ kind: 'invalid', key: COMPARE_KEY, message: `${which} overrides nothing: ignored.` });
      return;
    }
    out.push(canonical(overrides));
  });
  return out;
}

/** The overrides in schema order (what serialize writes), frozen. */
export function canonical(overrides: Overrides): Overrides {
  const ordered: Record<string, number | string> = {};
  for (const key of OVERRIDABLE.keys()) {
    const value = overrides[key as OverridableKey];
    if (value !== undefined) ordered[key] = value;
  }
  return Object.freeze(ordered);
}

/** One `vs` value, canonical: `key:value` pairs in schema order, numbers in their shortest round-trip form. */
export function overridesToString(overrides: Overrides): string {
  return Object.entries(canonical(overrides))
    .map(([key, value]) => `${key}:${String(value)}`)
    .join(',');
}

/**
 * The `vs=…&vs=…` part of a query, in the order given. `:` and `,` are left as they are (both are allowed in
 * a query), so a shared link stays readable: `vs=act:elu,alpha:0.5`.
 */
export function serializeComparisons(compare: readonly Overrides[]): string {
  return compare
    .map(
      (o) =>
        `${COMPARE_KEY}=${encodeURIComponent(overridesToString(o)).replace(/%3A/gi, ':').replace(/%2C/gi, ',')}`,
    )
    .join('&');
}
