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

/**
 * Engines kept between requests, one per choice (a WebGPU device or a WASM instance is costly to create): the
 * engine Worker's and the sweep Worker's. `loaders` is read when a choice is first made, so engines marked
 * broken since (the engine Worker's wrapped loaders) are passed over by the next selection.
 */
export class EngineSelections {
  private readonly made = new Map<BackendKind | 'auto', Promise<BackendSelection>>();

  constructor(private readonly loaders: () => EngineLoaders) {}

  /** The selection for `choice`, created on first use (a failed creation is forgotten, to be tried again). */
  get(choice: BackendKind | 'auto'): Promise<BackendSelection> {
    let selection = this.made.get(choice);
    if (!selection) {
      selection = createBackend(choice, this.loaders());
      selection.catch(() => this.made.delete(choice));
      this.made.set(choice, selection);
    }
    return selection;
  }

  /** Forgets every selection that chose `kind`, returning them (the caller disposes what it attached to them). */
  async forget(kind: BackendKind): Promise<BackendSelection[]> {
    const forgotten: BackendSelection[] = [];
    for (const [choice, selection] of this.made) {
      const chosen = await selection.catch(() => null);
      if (chosen?.kind !== kind) continue;
      this.made.delete(choice);
      forgotten.push(chosen);
    }
    return forgotten;
  }
}

/** A thrown value as one line of text. */
export function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
