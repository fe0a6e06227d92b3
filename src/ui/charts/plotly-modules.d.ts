/**
 * plotly.js's custom-bundle modules (CommonJS, untyped), typed from plotly.js's own declarations: `lib/core` is
 * the API with scatter and the components, each trace module is something to `register`.
 */
declare module 'plotly.js/lib/core' {
  export { default } from 'plotly.js';
}
declare module 'plotly.js/lib/bar' {
  const trace: import('plotly.js').PlotlyModule;
  export default trace;
}
declare module 'plotly.js/lib/heatmap' {
  const trace: import('plotly.js').PlotlyModule;
  export default trace;
}
