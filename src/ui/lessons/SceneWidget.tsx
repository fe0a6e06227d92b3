/**
 * The scene's own live widget, beside the playground's charts: scene-specific numbers computed from the
 * engines' results (scenes 1–3) or from the scene's small model (scenes 4–7), never from prepared data.
 * Scenes 1–3 show every run of the view (the main run and its compared runs, `vs`), one line each; scene 7
 * computes ELU and SiLU side by side itself.
 */
import type { Experiment, RunResult } from '../../engine/experiment';
import { runLabels, type SceneId } from '../../state';
import { DeadUnitsWidget } from './widgets/DeadUnitsWidget';
import { GradientLagWidget } from './widgets/GradientLagWidget';
import { HeterophilyWidget } from './widgets/HeterophilyWidget';
import { IcnnWidget } from './widgets/IcnnWidget';
import { MonotoneWidget } from './widgets/MonotoneWidget';
import { PdeWidget } from './widgets/PdeWidget';
import { SeluWidget } from './widgets/SeluWidget';
import type { SceneRun } from './widgets/scene-run';

export type { SceneRun } from './widgets/scene-run';

interface Props {
  readonly scene: SceneId;
  readonly experiment: Experiment;
  /** The latest measured pass of the main run (null while the first run computes). */
  readonly result: RunResult | null;
  /**
   * Every measured run, the main run first, each with its label (the charts' runs fit: ChartRun has both).
   * Without it the widget shows the main run alone.
   */
  readonly runs?: readonly SceneRun[] | null;
}

export function SceneWidget({ scene, experiment, result, runs }: Props) {
  const shown: readonly SceneRun[] | null =
    runs && runs.length > 0 ? runs : result && [{ label: runLabels([result.experiment])[0], result }];
  switch (scene) {
    case 'dying-relu':
      return shown && <DeadUnitsWidget runs={shown} />;
    case 'gradients-through-time':
      return shown && <GradientLagWidget runs={shown} />;
    case 'selu':
      return shown && <SeluWidget runs={shown} />;
    case 'heterophily':
      return <HeterophilyWidget experiment={experiment} />;
    case 'monotone':
      return <MonotoneWidget experiment={experiment} />;
    case 'icnn':
      return <IcnnWidget experiment={experiment} />;
    case 'pde':
      return <PdeWidget experiment={experiment} />;
  }
}
