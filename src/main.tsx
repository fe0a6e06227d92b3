/** Entry point: installs the console API and renders the page for the URL it was opened with. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { loadPlotly } from './ui/charts/plotly';
import { installConsoleApi } from './ui/console-api';
import { firstResult, prestartEngineWorker } from './ui/engine-client';
import { registerServiceWorkerWhenIdle } from './ui/service-worker';
import './ui/styles.css';

prestartEngineWorker();
installConsoleApi();
registerServiceWorkerWhenIdle(firstResult());
// Start fetching and parsing plotly while the engine computes the first run (it is not in the initial bundle).
void loadPlotly().catch(() => {});
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App search={window.location.search} />
  </StrictMode>,
);
