/**
 * Reading one raw URL value against its schema entry: enums case-insensitively, decimal numbers only, ints
 * rounded and every number clamped to its range, each change noted. Shared by the top-level keys (parse.ts)
 * and the overrides of compared runs (compare.ts).
 */
import { EXCLUSIVE_FLOOR, type FieldSpec } from './schema';

/** Characters of a key or value quoted in a message; longer ones are cut with an ellipsis. */
const QUOTE_LIMIT = 40;

/** Decimal numbers only: no hex, no `Infinity`, no empty string (Number() would accept those). */
export const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One raw value read against its spec: the value (clamped or rounded, with a note saying so), or why it cannot
 * be read (`invalid`, a clause without its consequence: the caller says what happens instead).
 */
export function readValue(
  spec: FieldSpec<string>,
  raw: string,
): { readonly value: number | string; readonly note?: string } | { readonly invalid: string } {
  const value = raw.trim();
  if (spec.kind === 'enum') {
    const match = spec.values.find((v) => v === value.toLowerCase());
    if (match !== undefined) return { value: match };
    return { invalid: `${spec.key}="${quote(raw)}" is not one of ${spec.values.join(', ')}` };
  }
  const n = DECIMAL.test(value) ? Number(value) : NaN;
  if (Number.isNaN(n)) return { invalid: `${spec.key}="${quote(raw)}" is not a number` };
  let x = n;
  let note: string | undefined;
  if (spec.kind === 'int' && !Number.isInteger(x) && Number.isFinite(x)) {
    x = Math.round(x);
    note = `${spec.key}=${quote(raw)} is not a whole number: using ${x}.`;
  }
  const low = spec.kind === 'float' && spec.minExclusive ? spec.min + EXCLUSIVE_FLOOR : spec.min;
  const tooLow = spec.kind === 'float' && spec.minExclusive ? x <= spec.min : x < spec.min;
  if (tooLow || x > spec.max) {
    const clamped = tooLow ? low : spec.max;
    const range = `${spec.kind === 'float' && spec.minExclusive ? '(' : '['}${spec.min}, ${spec.max}]`;
    return { value: clamped, note: `${spec.key}=${quote(raw)} is outside ${range}: clamped to ${clamped}.` };
  }
  return { value: x === 0 ? 0 : x, note }; // no −0 in an experiment
}

/** A key or value cut to a readable length for a message. */
export function quote(s: string): string {
  // Control characters (newlines, NUL) would break a one-line message; they become spaces.
  // eslint-disable-next-line no-control-regex
  const oneLine = s.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return oneLine.length > QUOTE_LIMIT ? `${oneLine.slice(0, QUOTE_LIMIT)}…` : oneLine;
}
