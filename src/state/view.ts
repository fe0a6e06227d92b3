/**
 * Page settings that travel in the URL beside the experiment but do not change its numbers: which engine runs
 * it and in which language the page speaks. Parsed and serialized by the same table machinery as the experiment (schema.ts).
 */
import type { FieldSpec } from './schema';

/** Engine choice: `auto` follows the fallback order webgpu → wasm → reference. */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'wasm', 'reference'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** Page language: `auto` follows the browser's preferred languages. */
export const LANGUAGE_CHOICES = ['auto', 'en', 'zh'] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/** Page settings. */
export interface ViewSettings {
  readonly backend: BackendChoice;
  readonly lang: LanguageChoice;
}

/** The view keys, in canonical order after the experiment's. */
export const VIEW_SCHEMA: readonly FieldSpec<keyof ViewSettings>[] = [
  { key: 'backend', kind: 'enum', values: BACKEND_CHOICES, default: 'auto' },
  { key: 'lang', kind: 'enum', values: LANGUAGE_CHOICES, default: 'auto' },
];

/** Settings of a link that names none. */
export const DEFAULT_VIEW: ViewSettings = Object.freeze({ backend: 'auto', lang: 'auto' });
