/** Entry point: installs the console API and renders the page for the URL it was opened with. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { installConsoleApi } from './ui/console-api';
import './ui/styles.css';

installConsoleApi();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App search={window.location.search} />
  </StrictMode>,
);
