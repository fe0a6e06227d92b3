/** The list of guided scenes, each opening at its first step. */
import type { SceneId, ViewSettings } from '../../state';
import { SCENE_IDS } from '../../state';
import { inAppClick, sceneHref } from '../classroom/links';
import { useT, type Language } from '../i18n';
import { sceneText } from './LessonPanel';

interface Props {
  readonly lang: Language;
  /** The page settings, carried by each scene's link (language, presentation, embed, engine). */
  readonly view: ViewSettings;
  readonly onOpen: (scene: SceneId) => void;
}

/** Each scene is a real link (`?lesson=<scene>`): a plain click opens it in the page, others as the browser does. */
export function LessonIndex({ lang, view, onOpen }: Props) {
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
              <a
                className="scene-link"
                href={sceneHref(view, id, 1)}
                onClick={inAppClick(() => onOpen(id))}
                data-scene-link={id}
              >
                {text.title}
              </a>
              <p>{text.intro}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
