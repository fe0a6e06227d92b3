/**
 * The scene's own live widget, beside the playground's charts: scene-specific numbers computed from the
 * engines' results (scenes 1–3) or from the scene's small model (scenes 4–7), never from prepared data.
 */
import type { Experiment, RunResult } from '../../engine/experiment';
import type { SceneId } from '../../state';
import { DeadUnitsWidget } from './widgets/DeadUnitsWidget';
import { GradientLagWidget } from './widgets/GradientLagWidget';
import { HeterophilyWidget } from './widgets/HeterophilyWidget';
import { IcnnWidget } from './widgets/IcnnWidget';
import { MonotoneWidget } from './widgets/MonotoneWidget';
import { PdeWidget } from './widgets/PdeWidget';
import { SeluWidget } from './widgets/SeluWidget';

interface Props {
  readonly scene: SceneId;
  readonly experiment: Experiment;
  /** The latest measured pass (null while the first run computes). */
  readonly result: RunResult | null;
}

export function SceneWidget({ scene, experiment, result }: Props) {
  switch (scene) {
    case 'dying-relu':
      return result && <DeadUnitsWidget result={result} />;
    case 'gradients-through-time':
      return result && <GradientLagWidget result={result} />;
    case 'selu':
      return result && <SeluWidget result={result} />;
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
