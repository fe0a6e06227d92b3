/**
 * Real addresses for the lesson navigation, so a teacher can open a scene in a new tab or copy its link, while a
 * plain click stays an in-app move (no reload, the engine keeps running).
 */
import type { MouseEvent } from 'react';
import type { Experiment } from '../../engine/experiment';
import { DEFAULT_EXPERIMENT, serialize, type Overrides, type SceneId, type ViewSettings } from '../../state';

/**
 * The link of a scene's step. It names no experiment: opened, the page starts from that step's preset
 * (withLessonPreset in use-experiment.ts), as a click does. The page settings that are not the lesson (language,
 * presentation, embed, engine) travel along when they are not the default.
 */
export function sceneHref(view: ViewSettings, scene: SceneId, step: number): string {
  return `?${serialize(DEFAULT_EXPERIMENT, { ...view, lesson: scene, step })}`;
}

/**
 * The link of the list of scenes (`lesson=index`) or of the free playground (`lesson=none`), carrying the
 * current experiment and its compared runs: a click on them keeps them too.
 */
export function pageHref(
  experiment: Experiment,
  view: ViewSettings,
  lesson: 'index' | 'none',
  compare: readonly Overrides[] = [],
): string {
  return `?${serialize(experiment, { ...view, lesson, step: 1 }, compare)}`;
}

/**
 * An `onClick` for a link that also moves in the app: a plain left click runs `go` instead of loading the
 * address; a click with a modifier (new tab, new window, download) or any other button keeps the browser's
 * own behaviour.
 */
export function inAppClick(go: () => void): (event: MouseEvent<HTMLAnchorElement>) => void {
  return (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go();
  };
}
