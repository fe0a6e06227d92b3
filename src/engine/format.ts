/** How numbers are shown, the same in the CLI's tables and the page. */

/** Integers whole, other finite numbers to 6 significant digits, NaN and ±Infinity spelled out. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return Number.isFinite(x) ? x.toPrecision(6) : String(x);
}
