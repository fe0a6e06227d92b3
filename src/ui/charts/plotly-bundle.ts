/**
 * plotly.js with only the trace types the charts draw, built from plotly's own modules (its documented custom
 * bundle): core (scatter, axes, shapes, annotations, colour bars, image export) plus bar and heatmap.
 */
import Plotly from 'plotly.js/lib/core';
import bar from 'plotly.js/lib/bar';
import heatmap from 'plotly.js/lib/heatmap';

Plotly.register([bar, heatmap]);

export default Plotly;
