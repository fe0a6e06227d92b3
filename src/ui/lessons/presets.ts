/** The runs a lesson step starts from: its suggested query read through the URL contract. */
import type { Experiment } from '../../engine/experiment';
import type { SweepSpec } from '../../engine/sweep/types';
import { SCENES } from '../../lessons/scenes';
import { parse, type Overrides, type SceneId } from '../../state';

/**
 * A step's preset: the experiment, its compared runs (`vs` in the step's query; none when it has no `vs`) and
 * its sweep (`sx`, `sy`, `metric`; null when it has none: the sweep view closes).
 */
export interface Preset {
  readonly experiment: Experiment;
  readonly compare: readonly Overrides[];
  readonly sweep: SweepSpec | null;
}

/** The preset of a scene's step (1-based), or null when the step keeps the current runs. */
export function stepPreset(scene: SceneId, step: number): Preset | null {
  const steps = SCENES.find((s) => s.id === scene)?.text.en.steps ?? [];
  const query = steps[Math.min(Math.max(1, step), steps.length) - 1]?.query;
  if (!query) return null;
  const { experiment, compare, sweep } = parse(query);
  return { experiment, compare, sweep };
}
