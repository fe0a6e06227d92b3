// @ts-nocheck -- AssemblyScript (compiled by asc, not tsc): f32/v128 types and SIMD builtins are asc's.
/**
 * φ, φ′ and (hybrid) ∂φ/∂k on f32x4, mirroring src/engine/activations.ts (the one definition of the formulas;
 * the codes are its ACTIVATION_CODE). φ′ at z = 0 takes the left branch; the ELU family's φ′ is A·e^z, never
 * φ + A, so a unit is "dead" only when e^z truly underflows (z < −103.3 in float32).
 */
import { Exp } from './exp';

/** ACTIVATION_CODE of src/engine/activations.ts. Never renumber. */
export const RELU: i32 = 0;
export const LEAKY: i32 = 1;
export const ELU: i32 = 2;
export const SELU: i32 = 3;
export const SILU: i32 = 4;
export const HYBRID: i32 = 5;

/** Current layer's activation, set by setActivation(). */
let code: i32 = ELU;
/** Positive branch slope: 1, or λ for SELU. */
let posScale: f32 = 1;
/** Negative branch: slope for ReLU (0) and leaky; A in A·(e^z − 1) for the ELU family (α, λα, kα). */
let negScale: f32 = 1;
/** α of the hybrid's ∂φ/∂k = α·(e^z − 1) for z ≤ 0. */
let knobAlpha: f32 = 1;

/** Selects the activation for the following forward epilogues. `knob` is this layer's hybrid k. */
export function setActivation(act: i32, alpha: f32, lambda: f32, slope: f32, knob: f32): void {
  code = act;
  posScale = act == SELU ? lambda : 1;
  knobAlpha = alpha;
  if (act == RELU) negScale = 0;
  else if (act == LEAKY) negScale = slope;
  else if (act == SELU) negScale = lambda * alpha;
  else if (act == HYBRID) negScale = knob * alpha;
  else negScale = alpha;
}

/** Inlined helpers (static methods: the one place decorators are plain TypeScript syntax). */
export class Act {
  /**
   * Stores φ(z) at hp, φ′(z) at dp and, when kp ≠ 0, ∂φ/∂k(z) at kp (4 lanes each).
   * Every kind computes its derivative here, in the matmul epilogue, so the backward pass never recomputes exp.
   */
  @inline static activate(z: v128, hp: usize, dp: usize, kp: usize): void {
    const zero = f32x4.splat(0);
    const pos = f32x4.gt(z, zero);
    if (code == RELU || code == LEAKY) {
      const s = f32x4.splat(negScale);
      v128.store(hp, v128.bitselect(z, f32x4.mul(z, s), pos));
      v128.store(dp, v128.bitselect(f32x4.splat(1), s, pos));
    } else if (code == SILU) {
      // σ(z) as the reference computes it: 1/(1+e^−z) for z ≥ 0, e^z/(1+e^z) below, with e = e^−|z|.
      const e = Exp.expV(f32x4.neg(f32x4.abs(z)));
      const inv = f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), e));
      const sig = v128.bitselect(inv, f32x4.mul(e, inv), f32x4.ge(z, zero));
      v128.store(hp, f32x4.mul(z, sig));
      const oneMinus = f32x4.sub(f32x4.splat(1), sig);
      v128.store(dp, f32x4.mul(sig, f32x4.add(f32x4.splat(1), f32x4.mul(z, oneMinus))));
    } else {
      // ELU, SELU, hybrid: P·z above 0, A·(e^z − 1) below; e^z and e^z − 1 share one reduction.
      const zn = Exp.clampArg(f32x4.min(z, zero));
      const n = Exp.expN(zn);
      const p = Exp.polyExpm1(Exp.reduce(zn, n));
      const ni = i32x4.trunc_sat_f32x4_s(n);
      const lo = Exp.scaleLo(ni);
      const hi = Exp.scaleHi(ni);
      const em1 = Exp.expm1NonPos(p, f32x4.mul(lo, hi));
      const ez = f32x4.mul(f32x4.mul(f32x4.add(p, f32x4.splat(1)), lo), hi);
      const ps = f32x4.splat(posScale);
      const ns = f32x4.splat(negScale);
      v128.store(hp, v128.bitselect(f32x4.mul(z, ps), f32x4.mul(em1, ns), pos));
      v128.store(dp, v128.bitselect(ps, f32x4.mul(ez, ns), pos));
      if (kp != 0) v128.store(kp, v128.bitselect(zero, f32x4.mul(em1, f32x4.splat(knobAlpha)), pos));
    }
  }
}
