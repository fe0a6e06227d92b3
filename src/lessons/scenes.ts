/**
 * The seven guided scenes of the lessons (issue 7), in order, each in English and Simplified Chinese.
 * Text only: presets, widgets and URL handling live with the lesson framework. Every number a step promises
 * was measured with the engines (src/cli.ts, reference backend) or the lesson models (src/lessons/models) at
 * the step's settings; tests/lessons/scenes.test.ts checks the structure and that every query (its compared
 * runs, `vs`, included) parses cleanly and stays small; tests/lessons/contrasts.test.ts, dying-relu.test.ts and
 * pde.test.ts check the numbers the contrast scenes state, run by run.
 */
import { SIGNAL_SCENES } from './text/signal';
import { STRUCTURE_SCENES } from './text/structure';

/** One step of a scene: what to say, what to try, what to look for. Plain text, no markup. */
export interface SceneStep {
  /** A few sentences of explanation, read aloud or projected. */
  readonly say: string;
  /** The action for the student. */
  readonly tryThis: string;
  /** What the student should see if the idea holds. */
  readonly lookFor: string;
  /**
   * Optional suggested experiment, as a share-link query (keys of docs/experiment.md plus `tied`, `nonneg`),
   * for the scenes that run on the engines. Same in both languages, so it lives on the English step only.
   */
  readonly query?: string;
}

import type { SceneId } from '../state/view';

/** A scene's text in one language. */
export interface SceneText {
  readonly title: string;
  readonly intro: string;
  readonly steps: readonly SceneStep[];
}

/** Scene identifiers (the `lesson=` values of a link) are part of the URL contract: see src/state/view.ts. */
export { SCENE_IDS, type SceneId } from '../state/view';

/** One scene: its id and its text in both languages (the same number of steps in each). */
export interface Scene {
  readonly id: SceneId;
  readonly text: { readonly en: SceneText; readonly zh: SceneText };
}

/** All scenes, in the order of the issue. */
export const SCENES: readonly Scene[] = [...SIGNAL_SCENES, ...STRUCTURE_SCENES];

/** The scene with this id, or undefined. */
export function sceneById(id: string): Scene | undefined {
  return SCENES.find((s) => s.id === id);
}
