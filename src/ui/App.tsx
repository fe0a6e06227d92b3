/**
 * The playground: controls on one side, the charts of the running experiment on the other, the theory drawn
 * over the measurement, the URL following every change; the guided lessons on top when a scene is open.
 */
import { useEffect, useMemo, useState } from 'react';
import type { SceneId } from '../state';
import { serialize } from '../state';
import { Charts } from './charts/Charts';
import { reportBackend } from './console-api';
import { Controls, type TrainingControls } from './controls/Controls';
import { EngineStatusPanel } from './EngineStatusPanel';
import { ExportPanel } from './ExportPanel';
import { KernelTimings } from './KernelTimings';
import { Header } from './Header';
import { LANGUAGES, TranslateContext, resolveLanguage, translator, type Language } from './i18n';
import { pageHref } from './classroom/links';
import { SectionNav } from './classroom/SectionNav';
import { LessonIndex } from './lessons/LessonIndex';
import { LessonPanel } from './lessons/LessonPanel';
import { SceneWidget } from './lessons/SceneWidget';
import { SCENE_CONTROLS } from './lessons/scene-controls';
import { stepPreset } from './lessons/presets';
import { StatsTable } from './StatsTable';
import { TheoryPanel } from './TheoryPanel';
import { useEngine } from './use-engine';
import { useExperimentState } from './use-experiment';
import { atInit, theoryKey, usePairedTheory, useTheory } from './use-theory';
import { Warnings } from './Warnings';

/** `search` is the URL's query at load. */
export function App({ search }: { search: string }) {
  const { experiment, view, warnings, updateExperiment, replaceExperiment, updateView } =
    useExperimentState(search);
  const [playing, setPlaying] = useState(false);
  const engine = useEngine(experiment, view.backend, playing);
  const lang: Language = resolveLanguage(view.lang, navigator.languages ?? [navigator.language]);
  const t = useMemo(() => translator(lang), [lang]);
  const scene = view.lesson !== 'none' && view.lesson !== 'index' ? view.lesson : null;

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');
  }, [lang, t]);
  useEffect(() => {
    if (engine.update) reportBackend(engine.update.engine);
  }, [engine.update]);

  const theory = useTheory<'prediction'>(
    { type: 'prediction', experiment: atInit(experiment) },
    theoryKey(experiment),
  );
  // Charts redraw once per change: with the run's result and the theory of that same experiment together.
  const shown = usePairedTheory(engine.update, theory);
  // The forward statistics of a pass still running backward are drawn early only once their own theory is
  // there (else the signal charts would be drawn twice: with the old prediction, then the new one).
  const forward = engine.forward;
  const forwardTheory =
    forward && theory.key === theoryKey(forward.experiment) && (theory.answer || theory.error)
      ? (theory.answer?.prediction ?? undefined)
      : null;
  const early = useMemo(
    () => (forward && forwardTheory !== null ? { result: forward, theory: forwardTheory } : undefined),
    [forward, forwardTheory],
  );

  const shownStep = engine.update?.step ?? experiment.steps;
  // Kept while neither changes, so the (memoized) sidebar skips the engine's messages.
  const training: TrainingControls = useMemo(
    () => ({
      playing,
      step: shownStep,
      onPlay: () => setPlaying(true),
      onPause: () => {
        setPlaying(false);
        updateExperiment({ steps: shownStep });
      },
      onStep: () => updateExperiment({ steps: shownStep + 1 }),
      onReset: () => {
        setPlaying(false);
        updateExperiment({ steps: 0 });
      },
    }),
    [playing, shownStep, updateExperiment],
  );

  /** Opens a scene's step (with its preset experiment, when it has one) or the list of scenes. */
  const navigate = (target: SceneId | 'index' | 'none', step: number) => {
    setPlaying(false);
    updateView({ lesson: target, step });
    const preset = target === 'index' || target === 'none' ? null : stepPreset(target, step);
    if (preset) replaceExperiment(preset);
  };

  const present = view.present === 1 && scene !== null;
  const onlyControls = useMemo(
    () => (present && scene ? new Set(SCENE_CONTROLS[scene]) : undefined),
    [present, scene],
  );
  // `in-lesson`: on a phone the scene's text and charts come before the controls (styles.css).
  const rootClass = ['app', present ? 'present' : '', view.embed ? 'embed' : '', scene ? 'in-lesson' : '']
    .join(' ')
    .replace(/ +/g, ' ')
    .trim();
  const indexHref = pageHref(experiment, view, 'index');
  return (
    <TranslateContext.Provider value={t}>
      <div className={rootClass}>
        {!view.embed && (
          <Header
            lang={lang}
            onLanguage={(l) => updateView({ lang: l })}
            languages={LANGUAGES}
            inLesson={view.lesson !== 'none'}
            onLessons={() => navigate(view.lesson === 'none' ? 'index' : 'none', 1)}
            lessonsHref={view.lesson === 'none' ? indexHref : pageHref(experiment, view, 'none')}
          />
        )}
        <main className="layout">
          <aside className="sidebar">
            <SectionNav />
            <Controls
              experiment={experiment}
              view={view}
              training={training}
              onExperiment={updateExperiment}
              onView={updateView}
              only={onlyControls}
            />
          </aside>
          <div className="results">
            <Warnings warnings={warnings} />
            {view.lesson === 'index' && (
              <LessonIndex lang={lang} view={view} onOpen={(id) => navigate(id, 1)} />
            )}
            {scene && (
              <LessonPanel
                scene={scene}
                step={view.step}
                lang={lang}
                view={view}
                indexHref={indexHref}
                onNavigate={navigate}
              />
            )}
            {scene && (
              <SceneWidget scene={scene} experiment={experiment} result={engine.update?.result ?? null} />
            )}
            <EngineStatusPanel engine={engine} playing={playing} />
            {engine.update?.engine.kind === 'webgpu' && <KernelTimings measure={engine.profile} />}
            {theory.error && <p role="alert">{t('theory.failed', { message: theory.error })}</p>}
            {engine.update && (
              <>
                <Charts
                  result={engine.update.result}
                  early={early}
                  trace={engine.trace}
                  theory={shown}
                  histograms={engine.update.histograms}
                />
                <TheoryPanel
                  experiment={experiment}
                  result={engine.update.result}
                  onExperiment={updateExperiment}
                  initiallyOpen={scene === 'selu'}
                />
                <ExportPanel result={engine.update.result} />
                <details className="all-numbers">
                  <summary>{t('table.title')}</summary>
                  <StatsTable result={engine.update.result} />
                </details>
              </>
            )}
            {view.embed === 1 && (
              <p className="embed-link">
                <a href={`?${serialize(experiment, { ...view, embed: 0 })}`} target="_blank" rel="noopener">
                  {t('lesson.openFull')}
                </a>
              </p>
            )}
          </div>
        </main>
      </div>
    </TranslateContext.Provider>
  );
}
