/**
 * The playground: controls on one side, the charts of the running experiment on the other, the theory drawn
 * over the measurement, the URL following every change; the guided lessons on top when a scene is open.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SweepSpec } from '../engine/sweep/types';
import type { SceneId } from '../state';
import { runList, serialize } from '../state';
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
import { DEFAULT_SWEEP } from './sweep/SweepForm';
import { SWEEP_SECTION_ID, SweepSection } from './sweep/SweepSection';
import { TheoryPanel } from './TheoryPanel';
import { useChartRuns, useEarlyRuns } from './use-chart-runs';
import { useEngine } from './use-engine';
import { useExperimentState } from './use-experiment';
import { atInit, theoryListKey, usePairedTheory, useTheory } from './use-theory';
import { Warnings } from './Warnings';

/** `search` is the URL's query at load. */
export function App({ search }: { search: string }) {
  const {
    experiment,
    compare,
    view,
    sweep,
    warnings,
    updateExperiment,
    updateCompare,
    replaceRuns,
    updateView,
    updateSweep,
  } = useExperimentState(search);
  const [playing, setPlaying] = useState(false);
  // The view's list of runs: the main run, then the compared runs (labels name what differs).
  const runs = useMemo(() => runList(experiment, compare), [experiment, compare]);
  const compared = useMemo(() => runs.slice(1).map((r) => r.experiment), [runs]);
  // Kept while the labels read the same, so the (memoized) sidebar does not re-render for a moved slider.
  const labelText = runs.map((r) => r.label).join('\n');
  const labels = useMemo(() => labelText.split('\n'), [labelText]);
  const engine = useEngine(experiment, compared, view.backend, playing);
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

  const theory = useTheory<'predictions'>(
    { type: 'predictions', experiments: runs.map((r) => atInit(r.experiment)) },
    theoryListKey(runs.map((r) => r.experiment)),
  );
  // Charts redraw once per change: with the runs' results and the theory of those same experiments together.
  const shown = usePairedTheory(engine.update, theory);
  // The runs on screen for the charts and tables (kept while nothing they show changes: Charts is memoized),
  // and the same while a pass runs backward: its forward statistics drawn early (use-chart-runs.ts).
  const chartRuns = useChartRuns(engine.update, engine.traces, shown);
  const early = useEarlyRuns(engine.forward, chartRuns, theory, compared);

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

  // The sweep view runs when asked: at load when the link holds a sweep (a teacher's shared link shows its
  // picture), by a lesson step, by "Measure this diagram" and by Run; the "Sweep…" button only opens the form.
  const [sweepRun, setSweepRun] = useState(() => (sweep ? 1 : 0));
  const [sweepFocus, setSweepFocus] = useState(0);
  const sweepRef = useRef(sweep);
  useEffect(() => {
    sweepRef.current = sweep;
  }, [sweep]);
  const openSweep = useCallback(() => {
    if (!sweepRef.current) updateSweep(DEFAULT_SWEEP);
    setSweepFocus((n) => n + 1);
  }, [updateSweep]);
  const runSweep = useCallback(
    (spec: SweepSpec) => {
      updateSweep(spec);
      setSweepRun((n) => n + 1);
      setSweepFocus((n) => n + 1);
    },
    [updateSweep],
  );
  useEffect(() => {
    if (sweepFocus === 0) return;
    const section = document.getElementById(SWEEP_SECTION_ID);
    section?.scrollIntoView({ block: 'start' });
    section?.focus({ preventScroll: true });
  }, [sweepFocus]);

  /** Opens a scene's step (with its preset experiment, when it has one) or the list of scenes. */
  const navigate = (target: SceneId | 'index' | 'none', step: number) => {
    setPlaying(false);
    updateView({ lesson: target, step });
    const preset = target === 'index' || target === 'none' ? null : stepPreset(target, step);
    if (preset) {
      replaceRuns(preset);
      if (preset.sweep) setSweepRun((n) => n + 1);
    }
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
  const indexHref = pageHref(experiment, view, 'index', compare);
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
            lessonsHref={view.lesson === 'none' ? indexHref : pageHref(experiment, view, 'none', compare)}
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
              compare={compare}
              labels={labels}
              onCompare={updateCompare}
              onSweep={openSweep}
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
              <SceneWidget
                scene={scene}
                experiment={experiment}
                result={engine.update?.result ?? null}
                runs={chartRuns ?? undefined}
              />
            )}
            <EngineStatusPanel engine={engine} playing={playing} />
            {engine.update?.engine.kind === 'webgpu' && <KernelTimings measure={engine.profile} />}
            {sweep && (
              <SweepSection
                experiment={experiment}
                spec={sweep}
                backend={view.backend}
                runRequest={sweepRun}
                onRun={runSweep}
                onExperiment={updateExperiment}
                onClose={() => updateSweep(null)}
              />
            )}
            {theory.error && <p role="alert">{t('theory.failed', { message: theory.error })}</p>}
            {engine.update && (
              <>
                <Charts
                  runs={chartRuns!}
                  early={early}
                  comparing={compared.length > 0}
                  histograms={engine.update.histograms}
                  live={playing}
                />
                <TheoryPanel
                  experiment={experiment}
                  result={engine.update.result}
                  onExperiment={updateExperiment}
                  initiallyOpen={scene === 'selu'}
                  onMeasure={runSweep}
                />
                <ExportPanel result={engine.update.result} />
                <details className="all-numbers">
                  <summary>{t('table.title')}</summary>
                  {chartRuns!.map((run, i) => (
                    <StatsTable
                      key={i}
                      result={run.result}
                      label={chartRuns!.length > 1 ? run.label : undefined}
                    />
                  ))}
                </details>
              </>
            )}
            {view.embed === 1 && (
              <p className="embed-link">
                <a
                  href={`?${serialize(experiment, { ...view, embed: 0 }, compare, sweep)}`}
                  target="_blank"
                  rel="noopener"
                >
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
