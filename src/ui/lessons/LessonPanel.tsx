/**
 * The open scene of a guided lesson: its title, the current step's text (what to say, what to try, what to
 * look for), and navigation that keeps progress in the URL (`lesson=<scene>&step=<n>`).
 */
import type { SceneId } from '../../state';
import { SCENE_IDS } from '../../state';
import { SCENES } from '../../lessons/scenes';
import { useT, type Language } from '../i18n';

interface Props {
  readonly scene: SceneId;
  readonly step: number;
  readonly lang: Language;
  /** Opens a scene's step (applies its preset experiment when it has one), or the index. */
  readonly onNavigate: (scene: SceneId | 'index', step: number) => void;
}

/** The scene's text in `lang`. */
export function sceneText(id: SceneId, lang: Language) {
  const scene = SCENES.find((s) => s.id === id);
  if (!scene) throw new Error(`unknown scene ${id}`);
  return scene.text[lang];
}

export function LessonPanel({ scene, step, lang, onNavigate }: Props) {
  const t = useT();
  const text = sceneText(scene, lang);
  const count = text.steps.length;
  const k = Math.min(Math.max(1, step), count);
  const current = text.steps[k - 1];
  const sceneIndex = SCENE_IDS.indexOf(scene);
  const previous = (): void => {
    if (k > 1) onNavigate(scene, k - 1);
    else if (sceneIndex > 0) {
      const before = SCENE_IDS[sceneIndex - 1];
      onNavigate(before, sceneText(before, lang).steps.length);
    }
  };
  const next = (): void => {
    if (k < count) onNavigate(scene, k + 1);
    else if (sceneIndex < SCENE_IDS.length - 1) onNavigate(SCENE_IDS[sceneIndex + 1], 1);
  };
  const atStart = k === 1 && sceneIndex === 0;
  const atEnd = k === count && sceneIndex === SCENE_IDS.length - 1;
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
        <button type="button" onClick={previous} disabled={atStart}>
          ← {t('lesson.previous')}
        </button>
        <button type="button" onClick={() => onNavigate('index', 1)}>
          {t('lesson.index')}
        </button>
        <button type="button" onClick={next} disabled={atEnd}>
          {t('lesson.next')} →
        </button>
      </nav>
    </section>
  );
}
