/**
 * The playground: controls on one side, the charts of the running experiment on the other, the theory drawn
 * over the measurement, the URL following every change.
 */
import { useEffect, useMemo, useState } from 'react';
import { serialize } from '../state';
import { Charts } from './charts/Charts';
import { reportBackend } from './console-api';
import { Controls, type TrainingControls } from './controls/Controls';
import { EngineStatusPanel } from './EngineStatusPanel';
import { Header } from './Header';
import { LANGUAGES, TranslateContext, resolveLanguage, translator, type Language } from './i18n';
import { StatsTable } from './StatsTable';
import { useEngine } from './use-engine';
import { useExperimentState } from './use-experiment';
import { useTheory } from './use-theory';
import { TheoryPanel } from './TheoryPanel';
import { Warnings } from './Warnings';

/** `search` is the URL's query at load. */
export function App({ search }: { search: string }) {
  const { experiment, view, warnings, updateExperiment, updateView } = useExperimentState(search);
  const [playing, setPlaying] = useState(false);
  const engine = useEngine(experiment, view.backend, playing);
  const lang: Language = resolveLanguage(view.lang, navigator.languages ?? [navigator.language]);
  const t = useMemo(() => translator(lang), [lang]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');
  }, [lang, t]);
  useEffect(() => {
    if (engine.update) reportBackend(engine.update.engine);
  }, [engine.update]);

  // The theory describes the network at initialization: training steps and the seed do not change it.
  const atInit = { ...experiment, steps: 0, seed: 1 };
  const theory = useTheory<'report'>({ type: 'report', experiment: atInit }, serialize(atInit));

  const shownStep = engine.update?.step ?? experiment.steps;
  const training: TrainingControls = {
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
  };

  return (
    <TranslateContext.Provider value={t}>
      <Header lang={lang} onLanguage={(l) => updateView({ lang: l })} languages={LANGUAGES} />
      <main className="layout">
        <aside className="sidebar">
          <Controls
            experiment={experiment}
            view={view}
            training={training}
            onExperiment={updateExperiment}
            onView={updateView}
          />
        </aside>
        <div className="results">
          <Warnings warnings={warnings} />
          <EngineStatusPanel engine={engine} playing={playing} />
          {theory.error && <p role="alert">{t('theory.failed', { message: theory.error })}</p>}
          {engine.update && (
            <>
              <Charts result={engine.update.result} trace={engine.trace} theory={theory.answer?.report} />
              <TheoryPanel
                experiment={experiment}
                result={engine.update.result}
                onExperiment={updateExperiment}
              />
              <details className="all-numbers">
                <summary>{t('table.title')}</summary>
                <StatsTable result={engine.update.result} />
              </details>
            </>
          )}
        </div>
      </main>
    </TranslateContext.Provider>
  );
}
