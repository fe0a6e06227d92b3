/**
 * For the curious: per-kernel GPU times of one pass of the current experiment, from WebGPU timestamp
 * queries. Shown only when the WebGPU engine runs.
 */
import { useState } from 'react';
import type { KernelProfile } from '../engine/backend';
import { useT } from './i18n';

export function KernelTimings({ measure }: { measure: () => Promise<KernelProfile> }) {
  const t = useT();
  const [profile, setProfile] = useState<KernelProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      setProfile(await measure());
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="kernel-timings">
      <summary>{t('kernels.title')}</summary>
      <button type="button" onClick={() => void run()} disabled={busy}>
        {t('kernels.measure')}
      </button>
      {error && <p role="alert">{t('kernels.failed', { message: error })}</p>}
      {profile && (
        <table className="stats" data-testid="kernel-timings">
          <caption>{t('kernels.caption', { total: profile.totalMs.toFixed(2) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kernels.kernel')}</th>
              <th scope="col">{t('kernels.dispatches')}</th>
              <th scope="col">ms</th>
            </tr>
          </thead>
          <tbody>
            {profile.kernels.map((k) => (
              <tr key={k.kernel}>
                <th scope="row">{k.kernel}</th>
                <td>{k.dispatches}</td>
                <td>{k.ms.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="note">{t('kernels.note')}</p>
    </details>
  );
}
