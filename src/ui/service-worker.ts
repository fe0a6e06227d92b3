/**
 * Offline after one visit: the service worker that vite-plugin-pwa generates (sw.js) precaches every built
 * file, plotly and the engines included (~2 MB). Precaching costs about 0.8 s of CPU (the service worker
 * and the browser process, measured on a 2-core machine), so it starts once the page has its first result
 * and is idle, instead of competing with the page's own start.
 */
export function registerServiceWorkerWhenIdle(firstResult: Promise<unknown>, atLatestMs = 10_000): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {
      // No offline copy (private browsing, a file:// page): the page works the same.
    });
  };
  const whenIdle = () => {
    if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: 3000 });
    else setTimeout(register, 500);
  };
  void Promise.race([firstResult, new Promise((done) => setTimeout(done, atLatestMs))]).then(whenIdle);
}
