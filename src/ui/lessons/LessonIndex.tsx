/** The list of guided scenes, each opening at its first step. */
import type { SceneId } from '../../state';
import { SCENE_IDS } from '../../state';
import { useT, type Language } from '../i18n';
import { sceneText } from './LessonPanel';

export function LessonIndex({ lang, onOpen }: { lang: Language; onOpen: (scene: SceneId) => void }) {
  const t = useT();
  return (
    <section className="lesson-index" aria-labelledby="lesson-index-title">
      <h2 id="lesson-index-title">{t('lesson.indexTitle')}</h2>
      <p>{t('lesson.indexIntro')}</p>
      <ol>
        {SCENE_IDS.map((id) => {
          const text = sceneText(id, lang);
          return (
            <li key={id}>
              <button type="button" className="link-button" onClick={() => onOpen(id)} data-scene-link={id}>
                {text.title}
              </button>
              <p>{text.intro}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
