/**
 * `parse()`: a share link's query → a complete, valid experiment plus page settings and warnings. It never
 * throws: unknown keys are ignored, bad values fall back to the default, out-of-range values are clamped, and
 * each of these is reported as a warning (EXPERIMENT.md). Every load path goes through here (the excalidraw
 * "restore" idea): defaults are filled and old versions migrated in one place.
 */
import type { Experiment } from '../engine/experiment';
import {
  DEFAULT_EXPERIMENT,
  SCHEMA,
  SCHEMA_VERSION,
  defaultOf,
  type DefaultContext,
  type FieldSpec,
} from './schema';
import { DECIMAL, quote, readValue } from './read-value';
import { migrate, type Migration, MIGRATIONS } from './migrations';
import { DEFAULT_VIEW, VIEW_SCHEMA, type ViewSettings } from './view';
import { COMPARE_KEY, readComparisons, type Overrides } from './compare';
import type { SweepSpec } from '../engine/sweep/types';
import { readSweep } from './sweep';

/** Why a key was not taken as written. */
export type WarningKind = 'unknown' | 'invalid' | 'clamped' | 'duplicate' | 'version';

/** One problem found in a link; `message` is plain text, safe to show (never HTML), and short. */
export interface ParseWarning {
  readonly kind: WarningKind;
  readonly key: string;
  readonly message: string;
}

/** The outcome of parsing a link. */
export interface ParseResult {
  readonly experiment: Experiment;
  readonly view: ViewSettings;
  /** The compared runs (`vs`), as overrides of `experiment`, in the order given (at most MAX_COMPARED). */
  readonly compare: readonly Overrides[];
  /** The sweep (`sx`, `sy`, `metric`) over `experiment`, or null when the link has none. */
  readonly sweep: SweepSpec | null;
  readonly warnings: ParseWarning[];
}

/** At most this many warnings are listed; the rest are summed up in one last warning. */
export const MAX_WARNINGS = 20;

/**
 * Parses the query part of a share link (with or without `?`), or a whole share URL.
 * `migrations` is for tests of the migration hook; the app uses the registered ones.
 */
export function parse(
  input: string,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
): ParseResult {
  const warnings: ParseWarning[] = [];
  const { params, compared } = readParams(typeof input === 'string' ? input : '', warnings);
  const version = readVersion(params, warnings);
  migrate(params, version, migrations, warnings);

  // `act` and `data` first: alpha's default depends on the one, loss's on the other.
  const first = (key: 'act' | 'data') =>
    readField(
      SCHEMA.find((f) => f.key === key)!,
      params,
      warnings,
      DEFAULT_EXPERIMENT[key],
    );
  const context = { act: first('act'), data: first('data') } as DefaultContext;
  const experiment: Record<string, unknown> = { v: SCHEMA_VERSION, ...context };
  for (const spec of SCHEMA) {
    if (spec.key in experiment) continue;
    experiment[spec.key] = readField(spec, params, warnings, defaultOf(spec, context));
  }
  reconcile(experiment as { -readonly [K in keyof Experiment]: Experiment[K] }, warnings);
  const sweep = readSweep(params, experiment as unknown as Experiment, warnings);
  const view: Record<string, unknown> = {};
  for (const spec of VIEW_SCHEMA) view[spec.key] = readField(spec, params, warnings, DEFAULT_VIEW[spec.key]);

  for (const key of params.keys()) {
    warnings.push({ kind: 'unknown', key: quote(key), message: `Unknown key "${quote(key)}" ignored.` });
  }
  const compare = readComparisons(compared, warnings);
  return {
    experiment: Object.freeze(experiment) as unknown as Experiment,
    view: Object.freeze(view) as unknown as ViewSettings,
    compare,
    sweep,
    warnings: capWarnings(warnings),
  };
}

/**
 * Keys that are valid alone but not together, each replaced (with a warning) by what the combination allows:
 * cross-entropy needs a data set's classes; the probe loss's random read-out means nothing against labels;
 * tied weights need every layer to be width → width, which a data set's first layer is not.
 */
function reconcile(e: { -readonly [K in keyof Experiment]: Experiment[K] }, warnings: ParseWarning[]): void {
  const fix = <K extends 'loss' | 'tied'>(key: K, value: Experiment[K], why: string) => {
    warnings.push({ kind: 'invalid', key, message: `${why}: using ${key}=${value}.` });
    e[key] = value;
  };
  if (e.data === 'none' && e.loss === 'xent')
    fix('loss', 'mse', 'loss=xent needs a data set (data=spiral, circles, xor, gauss or digits)');
  if (e.data !== 'none' && e.loss === 'probe')
    fix('loss', 'xent', `loss=probe has no meaning with a data set (data=${e.data})`);
  if (e.data !== 'none' && e.tied === 1)
    fix('tied', 0, `tied weights need width → width layers, which data=${e.data}'s first layer is not`);
}

/**
 * The query's key/value pairs (last one wins, with a warning for the repeats) in a prototype-free Map, and the
 * values of the repeatable `vs` key in the order given.
 */
function readParams(
  input: string,
  warnings: ParseWarning[],
): { params: Map<string, string>; compared: string[] } {
  let query = input.trim();
  const hashAt = query.indexOf('#');
  if (hashAt >= 0) query = query.slice(0, hashAt);
  const queryAt = query.indexOf('?');
  if (queryAt >= 0) query = query.slice(queryAt + 1);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(query)) query = ''; // a URL without a query: the default experiment
  const params = new Map<string, string>();
  const compared: string[] = [];
  let searchParams: URLSearchParams;
  try {
    searchParams = new URLSearchParams(query);
  } catch {
    return { params, compared }; // URLSearchParams does not throw on strings, but parse() must never throw
  }
  for (const [key, value] of searchParams) {
    if (key === COMPARE_KEY) {
      compared.push(value);
      continue;
    }
    if (params.has(key)) {
      warnings.push({
        kind: 'duplicate',
        key: quote(key),
        message: `Key "${quote(key)}" given twice: the last value is used.`,
      });
    }
    params.set(key, value);
  }
  return { params, compared };
}

/** Reads and removes `v`; an absent `v` means the newest version. */
function readVersion(params: Map<string, string>, warnings: ParseWarning[]): number {
  const raw = params.get('v');
  params.delete('v');
  if (raw === undefined) return SCHEMA_VERSION;
  const n = DECIMAL.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) {
    warnings.push({
      kind: 'version',
      key: 'v',
      message: `Version "${quote(raw)}" is not valid: read as version ${SCHEMA_VERSION}.`,
    });
    return SCHEMA_VERSION;
  }
  if (n > SCHEMA_VERSION) {
    warnings.push({
      kind: 'version',
      key: 'v',
      message: `This link was made by a newer version (v=${quote(raw)}); read as version ${SCHEMA_VERSION}.`,
    });
    return SCHEMA_VERSION;
  }
  return n;
}

/** Reads and removes one key; returns the default (with a warning) when the value cannot be used. */
function readField(
  spec: FieldSpec<string>,
  params: Map<string, string>,
  warnings: ParseWarning[],
  fallback: number | string,
): number | string {
  const raw = params.get(spec.key);
  params.delete(spec.key);
  if (raw === undefined) return fallback;
  const read = readValue(spec, raw);
  if ('invalid' in read) {
    warnings.push({ kind: 'invalid', key: spec.key, message: `${read.invalid}: using ${fallback}.` });
    return fallback;
  }
  if (read.note) warnings.push({ kind: 'clamped', key: spec.key, message: read.note });
  return read.value;
}

function capWarnings(warnings: ParseWarning[]): ParseWarning[] {
  if (warnings.length <= MAX_WARNINGS) return warnings;
  const rest = warnings.length - (MAX_WARNINGS - 1);
  return [
    ...warnings.slice(0, MAX_WARNINGS - 1),
    { kind: 'unknown', key: '', message: `…and ${rest} more problems in this link.` },
  ];
}
