/** Scene 3: where the last layer's mean and variance ended up, against SELU's fixed point (0, 1). */
import type { RunResult } from '../../../engine/experiment';
import { formatNumber } from '../../../engine/format';
import { useT } from '../../i18n';

export function SeluWidget({ result }: { result: RunResult }) {
  const t = useT();
  const first = result.layers[0];
  const last = result.layers[result.layers.length - 1];
  return (
    <section className="scene-widget">
      <p
        data-testid="claim"
        data-first-mean={first.postMean}
        data-first-var={first.postVar}
        data-last-mean={last.postMean}
        data-last-var={last.postVar}
      >
        {t('widget.selu.summary', {
          firstMean: formatNumber(first.postMean),
          firstVar: formatNumber(first.postVar),
          depth: last.layer,
          lastMean: formatNumber(last.postMean),
          lastVar: formatNumber(last.postVar),
        })}
      </p>
    </section>
  );
}
