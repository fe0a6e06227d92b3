/** The partial bundle has plotly.js's API; its types come from @types/plotly.js. */
declare module 'plotly.js-cartesian-dist-min' {
  import Plotly from 'plotly.js';
  export default Plotly;
}
