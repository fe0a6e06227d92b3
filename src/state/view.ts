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

/** The guided lessons' scenes, in order (the `lesson` key), plus `index` (the list of scenes). */
export const SCENE_IDS = [
  'dying-relu',
  'gradients-through-time',
  'selu',
  'heterophily',
  'monotone',
  'icnn',
  'pde',
] as const;
export type SceneId = (typeof SCENE_IDS)[number];
export const LESSON_CHOICES = ['none', 'index', ...SCENE_IDS] as const;
export type LessonChoice = (typeof LESSON_CHOICES)[number];

/** Page settings. */
export interface ViewSettings {
  readonly backend: BackendChoice;
  readonly lang: LanguageChoice;
  /** The open scene of the guided lessons, `index` for their list, `none` for the free playground. */
  readonly lesson: LessonChoice;
  /** The step within the scene, 1-based (clamped to the scene's steps by the page). */
  readonly step: number;
  /** 1: presentation mode (large type, only the scene's controls). */
  readonly present: number;
  /** 1: embed mode (no page header, for an iframe in slides or an LMS). */
  readonly embed: number;
}

/** The view keys, in canonical order after the experiment's. */
export const VIEW_SCHEMA: readonly FieldSpec<keyof ViewSettings>[] = [
  { key: 'backend', kind: 'enum', values: BACKEND_CHOICES, default: 'auto' },
  { key: 'lang', kind: 'enum', values: LANGUAGE_CHOICES, default: 'auto' },
  { key: 'lesson', kind: 'enum', values: LESSON_CHOICES, default: 'none' },
  { key: 'step', kind: 'int', min: 1, max: 20, default: 1 },
  { key: 'present', kind: 'int', min: 0, max: 1, default: 0 },
  { key: 'embed', kind: 'int', min: 0, max: 1, default: 0 },
];

/** Settings of a link that names none. */
export const DEFAULT_VIEW: ViewSettings = Object.freeze({
  backend: 'auto',
  lang: 'auto',
  lesson: 'none',
  step: 1,
  present: 0,
  embed: 0,
});
