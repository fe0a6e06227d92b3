/**
 * The open scene of a guided lesson: its title, the current step's text (what to say, what to try, what to
 * look for), and navigation that keeps progress in the URL (`lesson=<scene>&step=<n>`).
 */
import type { SceneId, ViewSettings } from '../../state';
import { SCENE_IDS } from '../../state';
import { SCENES } from '../../lessons/scenes';
import { inAppClick, sceneHref } from '../classroom/links';
import { useT, type Language } from '../i18n';

interface Props {
  readonly scene: SceneId;
  readonly step: number;
  readonly lang: Language;
  /** The page settings, carried by the previous/next links (language, presentation, embed, engine). */
  readonly view: ViewSettings;
  /** The address of the list of scenes (what "All scenes" opens), for a new tab or a copied link. */
  readonly indexHref: string;
  /** Opens a scene's step (applies its preset experiment when it has one), or the index. */
  readonly onNavigate: (scene: SceneId | 'index', step: number) => void;
}

/** The scene's text in `lang`. */
export function sceneText(id: SceneId, lang: Language) {
  const scene = SCENES.find((s) => s.id === id);
  if (!scene) throw new Error(`unknown scene ${id}`);
  return scene.text[lang];
}

/** A scene/step to move to, or null at either end of the course. */
type Target = readonly [SceneId, number] | null;

/**
 * Previous, "All scenes" and next are real links (`?lesson=<scene>&step=<n>`) that a plain click follows in the
 * page; at either end of the course the missing direction is a disabled button.
 */
export function LessonPanel({ scene, step, lang, view, indexHref, onNavigate }: Props) {
  const t = useT();
  const text = sceneText(scene, lang);
  const count = text.steps.length;
  const k = Math.min(Math.max(1, step), count);
  const current = text.steps[k - 1];
  const sceneIndex = SCENE_IDS.indexOf(scene);
  const before = sceneIndex > 0 ? SCENE_IDS[sceneIndex - 1] : null;
  const after = sceneIndex < SCENE_IDS.length - 1 ? SCENE_IDS[sceneIndex + 1] : null;
  const previous: Target =
    k > 1 ? [scene, k - 1] : before ? [before, sceneText(before, lang).steps.length] : null;
  const next: Target = k < count ? [scene, k + 1] : after ? [after, 1] : null;
  const move = (target: Target, label: string, which: 'previous' | 'next') =>
    target ? (
      <a
        className="button-link"
        data-nav={which}
        href={sceneHref(view, target[0], target[1])}
        onClick={inAppClick(() => onNavigate(target[0], target[1]))}
      >
        {label}
      </a>
    ) : (
      <button type="button" disabled data-nav={which}>
        {label}
      </button>
    );
  return (
    <section className="lesson" aria-labelledby="lesson-title" data-scene={scene} data-step={k}>
      <p className="lesson-progress">
        {t('lesson.progress', { scene: sceneIndex + 1, scenes: SCENE_IDS.length, step: k, steps: count })}
      </p>
      <h2 id="lesson-title">{text.title}</h2>
      {k === 1 && <p className="lesson-intro">{text.intro}</p>}
      <p>{current.say}</p>
      <dl className="lesson-prompts">
        <dt>{t('lesson.tryThis')}</dt>
        <dd>{current.tryThis}</dd>
        <dt>{t('lesson.lookFor')}</dt>
        <dd>{current.lookFor}</dd>
      </dl>
      <nav className="lesson-nav" aria-label={t('lesson.navigation')}>
        {move(previous, `← ${t('lesson.previous')}`, 'previous')}
        <a className="button-link" href={indexHref} onClick={inAppClick(() => onNavigate('index', 1))}>
          {t('lesson.index')}
        </a>
        {move(next, `${t('lesson.next')} →`, 'next')}
      </nav>
    </section>
  );
}
