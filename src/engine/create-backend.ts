/**
 * `createBackend()`: picks the engine for this device in the fallback order webgpu → wasm → reference, and
 * says why each engine before the chosen one was passed over (shown in the UI, `window.loz.backend`, CLI).
 */
import type { Backend, BackendKind } from './backend';
import { BACKEND_KINDS } from './backend';

/** Whether an engine can run here; when it can, a factory, and an optional note on why it is a good pick. */
export type EngineProbe =
  | {
      ok: true;
      create: () => Backend;
      note?: string;
      /** Runs, but a later engine is the better automatic choice (why): skipped by `auto`, used when asked for. */
      notWhenAuto?: string;
    }
  | { ok: false; reason: string };

/** How to probe each engine. Loaders import their engine lazily, so an unused engine costs nothing. */
export type EngineLoaders = Readonly<Record<BackendKind, () => Promise<EngineProbe>>>;

/** The chosen engine and the story of the choice. */
export interface BackendSelection {
  readonly backend: Backend;
  readonly kind: BackendKind;
  /** Another engine of the same kind (compared runs train side by side, each on its own weights). */
  readonly create: () => Backend;
  /** One sentence: why this engine runs (e.g. "WebGPU is unavailable: navigator.gpu is missing; using WASM"). */
  readonly reason: string;
  /** Every engine tried before the chosen one, with the reason it was passed over. */
  readonly fallbacks: ReadonlyArray<{ readonly kind: BackendKind; readonly reason: string }>;
}

const LABEL: Readonly<Record<BackendKind, string>> = {
  webgpu: 'WebGPU',
  wasm: 'WASM-SIMD',
  reference: 'the float64 reference',
};

/**
 * Creates the first engine that can run, starting at `choice` (`auto` = webgpu). An explicit choice that cannot
 * run here falls back too, and the reason says so; only when no engine at all can run does this reject.
 */
export async function createBackend(
  choice: BackendKind | 'auto',
  loaders: EngineLoaders,
): Promise<BackendSelection> {
  const order = choice === 'auto' ? BACKEND_KINDS : [choice, ...BACKEND_KINDS.filter((k) => k !== choice)];
  const fallbacks: { kind: BackendKind; reason: string }[] = [];
  for (const kind of order) {
    let probe: EngineProbe;
    try {
      probe = await loaders[kind]();
    } catch (error) {
      probe = { ok: false, reason: `failed to load (${errorMessage(error)})` };
    }
    if (!probe.ok || (choice === 'auto' && probe.notWhenAuto)) {
      fallbacks.push({ kind, reason: probe.ok ? probe.notWhenAuto! : probe.reason });
      continue;
    }
    const asked = choice === 'auto' ? 'chosen automatically' : choice === kind ? 'as requested' : undefined;
    const passed = fallbacks.map((f) => `${LABEL[f.kind]} is unavailable: ${f.reason}`);
    const using = `using ${LABEL[kind]}${asked ? ` (${asked})` : ''}${probe.note ? `; ${probe.note}` : ''}`;
    const { create } = probe;
    return { backend: create(), create, kind, reason: [...passed, using].join('; '), fallbacks };
  }
  throw new Error(
    `No engine can run here: ${fallbacks.map((f) => `${LABEL[f.kind]}: ${f.reason}`).join('; ')}`,
  );
}

/** A thrown value as one line of text. */
export function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
