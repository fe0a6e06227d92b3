/**
 * `tsx bench/gpu.ts [small deep wide]`: the WebGPU engine in headless Chromium (Debian's, via
 * tests/browser/chromium.ts) on bench/workloads.ts's step workloads, against jax-js 0.1.25 on its `webgpu`
 * device in the same page, same adapter. Prints JSON lines like bench/run.ts:
 *   { "gpu": { adapter, isFallbackAdapter, note } }     once, first
 *   { "engine", "workload", "ms", "gflops" }             median of the timed runs
 *   { "workload", "engine": "webgpu", "speedup", "vsFastestPeer", "target", "met" }
 *   { "engine", "workload"?, "error" }                   an engine that cannot run here, and why
 * Engines are timed round-robin in the page. On a software adapter (SwiftShader) a step of `wide` takes tens
 * of seconds, so fewer repetitions are taken there, and absolute times say little about real GPUs.
 * @tensorflow/tfjs-backend-webgpu is not installed in this project; it is reported as unavailable.
 *
 * To hook into bench/run.ts: `const { runGpuBench } = await import('./gpu'); await runGpuBench(only, print);`
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = 'virtual:gpu-bench';

/** The page: imports the engine and the jax-js peer (bench/peers/jax.ts, switched to its webgpu device). */
const PAGE_MODULE = `
import { WebGpuBackend, probeWebGpu } from '/src/gpu/backend.ts';
import { STEP_WORKLOADS, workloadExperiment, median } from '/bench/workloads.ts';

async function jaxWebGpu() {
  const jax = await import('@jax-js/jax');
  const { jaxEngine } = await import('/bench/peers/jax.ts');
  const engine = await jaxEngine(); // initializes the wasm device and selects it
  const devices = await jax.init('webgpu');
  if (!devices.includes('webgpu')) throw new Error('jax-js: no webgpu device (got ' + devices.join(', ') + ')');
  jax.defaultDevice('webgpu');
  return { name: 'jax-js-webgpu', prepareStep: (w) => engine.prepareStep(w) };
}

const ours = {
  name: 'webgpu',
  async prepareStep(w) {
    const backend = new WebGpuBackend();
    await backend.init(workloadExperiment(w));
    return { run: async () => { await backend.step({ train: true }); }, dispose: () => backend.dispose() };
  },
};

window.gpuBench = {
  probe: probeWebGpu,
  async measure(name, warmups, reps) {
    const w = STEP_WORKLOADS.find((x) => x.name === name);
    const engines = [ours];
    const errors = [];
    try { engines.push(await jaxWebGpu()); } catch (e) { errors.push({ engine: 'jax-js-webgpu', error: String(e && e.message || e) }); }
    const ready = [];
    for (const e of engines) {
      try {
        const p = await e.prepareStep(w);
        for (let i = 0; i < warmups; i++) await p.run();
        ready.push([e.name, p, []]);
      } catch (err) { errors.push({ engine: e.name, workload: name, error: String(err && err.message || err) }); }
    }
    for (let r = 0; r < reps; r++) {
      for (const [, p, times] of ready) {
        const t0 = performance.now();
        await p.run();
        times.push(performance.now() - t0);
      }
    }
    for (const [, p] of ready) p.dispose();
    return { ms: Object.fromEntries(ready.map(([n, , t]) => [n, median(t)])), errors };
  },
};
document.title = 'ready';
`;

function pagePlugin(): Plugin {
  return {
    name: 'gpu-bench-page',
    resolveId: (id) => (id === ENTRY ? '\0' + ENTRY : null),
    load: (id) => (id === '\0' + ENTRY ? PAGE_MODULE : null),
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url !== '/' && req.url !== '/index.html') return next();
        res.setHeader('content-type', 'text/html');
        void server
          .transformIndexHtml('/', `<!doctype html><script type="module">import '${ENTRY}';</script>`)
          .then((html) => res.end(html), next);
      });
    },
  };
}

interface GpuBenchApi {
  probe(): Promise<{ ok: boolean; reason: string; isFallbackAdapter: boolean; adapterInfo?: string }>;
  measure(
    name: string,
    warmups: number,
    reps: number,
  ): Promise<{ ms: Record<string, number>; errors: object[] }>;
}

/** Runs the GPU benchmark on the named workloads (all when empty), printing each JSON object via `print`. */
export async function runGpuBench(only: string[], print: (o: unknown) => void): Promise<void> {
  const { createServer } = await import('vite');
  const { launchChromium } = await import('../tests/browser/chromium');
  const W = await import('./workloads');
  const server = await createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    plugins: [pagePlugin()],
    server: { host: '127.0.0.1', port: 0, hmr: false },
    optimizeDeps: { noDiscovery: true, include: ['@jax-js/jax'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const browser = await launchChromium();
  try {
    if (!address || typeof address === 'string') throw new Error('vite: no TCP address');
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${address.port}/`);
    await page.waitForFunction(() => 'gpuBench' in window, undefined, { timeout: 120_000 });
    // String expressions: tsx would wrap functions passed to evaluate() in helpers the page does not have.
    const probe = (await page.evaluate('window.gpuBench.probe()')) as Awaited<
      ReturnType<GpuBenchApi['probe']>
    >;
    const software = probe.isFallbackAdapter;
    print({
      gpu: {
        adapter: probe.adapterInfo ?? probe.reason,
        isFallbackAdapter: software,
        note: software ? 'software adapter (SwiftShader): absolute times say little about GPUs' : '',
      },
    });
    if (!probe.ok) throw new Error(`no WebGPU: ${probe.reason}`);
    const tfjs = existsSync(`${ROOT}node_modules/@tensorflow/tfjs-backend-webgpu`);
    if (!tfjs)
      print({ engine: 'tfjs-webgpu', error: 'not installed (@tensorflow/tfjs-backend-webgpu@4.22.0)' });
    const [warmups, reps] = software ? [1, 3] : [W.WARMUPS, W.REPS];
    page.setDefaultTimeout(0);
    for (const w of W.STEP_WORKLOADS.filter((x) => only.length === 0 || only.includes(x.name))) {
      const call = `window.gpuBench.measure(${JSON.stringify(w.name)}, ${warmups}, ${reps})`;
      const { ms, errors } = (await page.evaluate(call)) as Awaited<ReturnType<GpuBenchApi['measure']>>;
      for (const e of errors) print(e);
      const flops = W.stepFlops(w);
      for (const [engine, t] of Object.entries(ms)) {
        print({ engine, workload: w.name, ms: +t.toFixed(1), gflops: +(flops / t / 1e6).toFixed(3), reps });
      }
      const t = ms.webgpu;
      const peers = Object.entries(ms).filter(([name]) => name !== 'webgpu');
      if (t !== undefined && peers.length > 0) {
        const speedup = Object.fromEntries(peers.map(([name, p]) => [name, +(p / t).toFixed(2)]));
        const vsFastest = Math.min(...peers.map(([, p]) => p)) / t;
        print({
          workload: w.name,
          engine: 'webgpu',
          speedup,
          vsFastestPeer: +vsFastest.toFixed(2),
          target: 1.5,
          met: vsFastest >= 1.5,
        });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runGpuBench(process.argv.slice(2), (o) => process.stdout.write(JSON.stringify(o) + '\n'));
}
