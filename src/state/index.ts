/** The URL contract: parse a link, serialize an experiment, the schema table. */
export { parse, type ParseResult, type ParseWarning, type WarningKind } from './parse';
export { serialize } from './serialize';
export { SCHEMA, SCHEMA_VERSION, DEFAULT_EXPERIMENT, experimentWith } from './schema';
export {
  DEFAULT_VIEW,
  BACKEND_CHOICES,
  SCENE_IDS,
  type BackendChoice,
  type SceneId,
  type LessonChoice,
  type ViewSettings,
} from './view';
export {
  COMPARE_KEY,
  MAX_COMPARED,
  overridesToString,
  canonical as canonicalOverrides,
  type Overrides,
  type OverridableKey,
} from './compare';
export { comparedExperiment, runLabels, runList, type RunMember } from './runs';
export {
  DEFAULT_METRIC,
  SWEEP_METRIC,
  SWEEP_X,
  SWEEP_Y,
  axisToString,
  axisValues,
  serializeSweep,
  sweepGrid,
  sweepKey,
} from './sweep';
