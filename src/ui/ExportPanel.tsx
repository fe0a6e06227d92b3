/**
 * Export: the experiment as a runnable PyTorch script (same seeded draws, same statistics printed per layer),
 * and the per-layer statistics as CSV or JSON. Charts export themselves (PNG and SVG buttons on each chart).
 */
import { memo } from 'react';
import type { RunResult } from '../engine/experiment';
import { statsCsv, statsJson } from '../engine/export/csv';
import { pytorchScriptWithData } from '../engine/export/pytorch';
import { serialize } from '../state';
import { downloadText, fileStem } from './download';
import { useT } from './i18n';

/** Memoized: re-rendered only for a new result. */
export const ExportPanel = memo(function ExportPanel({ result }: { result: RunResult }) {
  const t = useT();
  const stem = fileStem(serialize(result.experiment));
  return (
    <section className="export" aria-labelledby="export-title">
      <h2 id="export-title">{t('export.title')}</h2>
      <div className="buttons">
        <button
          type="button"
          onClick={() =>
            // With the digits embedded (loaded on demand), so the script runs without scikit-learn.
            void pytorchScriptWithData(result.experiment, window.location.href).then((script) =>
              downloadText(`${stem}.py`, script, 'text/x-python'),
            )
          }
        >
          {t('export.pytorch')}
        </button>
        <button type="button" onClick={() => downloadText(`${stem}.csv`, statsCsv(result), 'text/csv')}>
          {t('export.csv')}
        </button>
        <button
          type="button"
          onClick={() => downloadText(`${stem}.json`, statsJson(result), 'application/json')}
        >
          {t('export.json')}
        </button>
      </div>
      <p className="note">{t('export.note')}</p>
    </section>
  );
});
