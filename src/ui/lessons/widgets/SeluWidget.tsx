/**
 * Scene 3: where each run's last layer's mean and variance ended up, against SELU's fixed point (0, 1). The main
 * run's line carries data-testid "claim".
 */
import { formatNumber } from '../../../engine/format';
import { useT } from '../../i18n';
import { runPrefix, type SceneRun } from './scene-run';

export function SeluWidget({ runs }: { runs: readonly SceneRun[] }) {
  const t = useT();
  return (
    <section className="scene-widget">
      {runs.map(({ result }, i) => {
        const first = result.layers[0];
        const last = result.layers[result.layers.length - 1];
        return (
          <p
            key={i}
            data-testid={i === 0 ? 'claim' : undefined}
            data-run={i}
            data-first-mean={first.postMean}
            data-first-var={first.postVar}
            data-last-mean={last.postMean}
            data-last-var={last.postVar}
          >
            {runPrefix(runs, i)}
            {t('widget.selu.summary', {
              firstMean: formatNumber(first.postMean),
              firstVar: formatNumber(first.postVar),
              depth: last.layer,
              lastMean: formatNumber(last.postMean),
              lastVar: formatNumber(last.postVar),
            })}
          </p>
        );
      })}
    </section>
  );
}
