/**
 * Imported first by the wasm tests, for its side effect: Node 20's V8 (11.3) has relaxed SIMD only behind
 * `--experimental-wasm-relaxed-simd` (Chrome ≥ 114 and Node ≥ 22 ship it enabled), so the flag is set here,
 * before any module compiles, and the relaxed-SIMD build that browsers run is tested too, not only the plain one.
 */
import { setFlagsFromString } from 'node:v8';

if (Number(process.versions.node.split('.')[0]) < 22) setFlagsFromString('--experimental-wasm-relaxed-simd');
