/** The problems of the link the page was opened with, as plain text (never HTML). */
import type { ParseWarning } from '../state';
import { useT } from './i18n';

export function Warnings({ warnings }: { warnings: readonly ParseWarning[] }) {
  const t = useT();
  if (warnings.length === 0) return null;
  return (
    <div role="status" className="warnings" data-testid="warnings">
      <h2>{t('warnings.title')}</h2>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{w.message}</li>
        ))}
      </ul>
    </div>
  );
}
