/**
 * The WASM-SIMD engine against the float64 reference, on both kernel builds this runtime can run.
 *
 * Tolerance { rel: 1e-3, abs: 1e-5 }, why: the engine stores weights, activations and gradients in float32
 * (unit roundoff u = 6e-8) and sums products over K ≤ 33 terms in float32, so each z, g and ∂W carries a
 * relative error of about √K·u ≈ 4e-7 (worst case K·u ≈ 2e-6); through depth ≤ 7 layers with SGD steps that
 * compounds to ~1e-5, and the statistics themselves are accumulated in float64 from float32 tile sums (shifted
 * sums for variances, so no cancellation). 1e-3 leaves two orders of magnitude of margin and still rejects a
 * wrong formula, a wrong constant, a missed bias or a skipped update, which all move values by ≫ 1e-3. The
 * absolute floor 1e-5 covers quantities whose reference value is ~0 (a mean of symmetric data, the knob
 * gradient of an almost linear layer) where float32 rounding of the operands (~1e-7 · scale) is all there is.
 */
import './relaxed-simd';
import { describeConformance } from '../engine/conformance';
import { WasmBackend } from '../../src/wasm/backend';
import { relaxedSimdSupported } from '../../src/wasm/kernels';

const TOL = { rel: 1e-3, abs: 1e-5 };

describeConformance('wasm (plain SIMD)', () => new WasmBackend({ variant: 'simd' }), TOL);
if (relaxedSimdSupported()) {
  describeConformance('wasm (relaxed SIMD, FMA)', () => new WasmBackend({ variant: 'relaxed' }), TOL);
}
