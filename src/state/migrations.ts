/**
 * Versioned migrations of share links. A link of version n is brought to n + 1 by MIGRATIONS[n], and so on
 * up to SCHEMA_VERSION, before its keys are read. Version 1 is the first, so the table is empty today; a
 * future rename (say `sw` → `sigma_w` in v2) adds `MIGRATIONS[1]` that moves the key, and old links keep
 * opening as they did.
 */
import type { ParseWarning } from './parse';
import { SCHEMA_VERSION } from './schema';

/** Rewrites the raw key/value pairs of a version-n link into version n + 1, in place; may add warnings. */
export type Migration = (params: Map<string, string>, warnings: ParseWarning[]) => void;

/** Registered migrations, keyed by the version they upgrade from. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** Applies the migrations from `version` up to SCHEMA_VERSION. */
export function migrate(
  params: Map<string, string>,
  version: number,
  migrations: Readonly<Record<number, Migration>>,
  warnings: ParseWarning[],
): void {
  for (let v = version; v < SCHEMA_VERSION; v++) migrations[v]?.(params, warnings);
}
