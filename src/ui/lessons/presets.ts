/** The experiment a lesson step starts from: its suggested query read through the URL contract. */
import type { Experiment } from '../../engine/experiment';
import { SCENES } from '../../lessons/scenes';
import { parse, type SceneId } from '../../state';

/** The preset experiment of a scene's step (1-based), or null when the step keeps the current one. */
export function stepPreset(scene: SceneId, step: number): Experiment | null {
  const steps = SCENES.find((s) => s.id === scene)?.text.en.steps ?? [];
  const query = steps[Math.min(Math.max(1, step), steps.length) - 1]?.query;
  return query ? parse(query).experiment : null;
}
