// @ts-nocheck -- AssemblyScript (compiled by asc, not tsc): f32/v128 types and SIMD builtins are asc's.
/**
 * The register-blocked micro-kernel of gemm.ts: one MR×NR tile (shape.ts) from an A panel and a B panel.
 * Written out by hand (AssemblyScript has no macros): 12 f32x4 accumulators.
 */
/**
 * The MR×NR micro-kernel as a function of its own (see Micro.kernel). It is exported from index.ts so that
 * Binaryen does not inline it into gemm: V8's loop unrolling allows bigger bodies the deeper a loop is
 * nested, and inside gemm's loop nest it unrolled this loop too and then spilled (see the loop below).
 */
export function microKernel(a: usize, b: usize, k: i32, init: usize, out: usize): void {
  Micro.kernel(a, b, k, init, out);
}

/** Inlined helpers (static methods: the one place decorators are plain TypeScript syntax). */
export class Micro {
  /** acc + a·b: a fused multiply-add in the relaxed-SIMD build, mul then add in the plain build. */
  @inline static madd(a: v128, b: v128, acc: v128): v128 {
    if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, acc);
    return f32x4.add(acc, f32x4.mul(a, b));
  }

  /**
   * The MR×NR micro-kernel: out = init + Apanel[K×MR]·Bpanel[K×NR], tiles row-major MR×NR f32 (row stride
   * 32 bytes); init = 0 means a zero tile. (A 4×8 body measured the same here, in both builds.)
   */
  @inline static kernel(a: usize, b: usize, k: i32, init: usize, out: usize): void {
    Micro.kernel6(a, b, k, init, out);
  }

  /** The 6×8 micro-kernel (see kernel). */
  @inline static kernel6(a: usize, b: usize, k: i32, init: usize, out: usize): void {
    let c00 = f32x4.splat(0);
    let c01 = f32x4.splat(0);
    let c10 = f32x4.splat(0);
    let c11 = f32x4.splat(0);
    let c20 = f32x4.splat(0);
    let c21 = f32x4.splat(0);
    let c30 = f32x4.splat(0);
    let c31 = f32x4.splat(0);
    let c40 = f32x4.splat(0);
    let c41 = f32x4.splat(0);
    let c50 = f32x4.splat(0);
    let c51 = f32x4.splat(0);
    if (init != 0) {
      c00 = v128.load(init, 0);
      c01 = v128.load(init, 16);
      c10 = v128.load(init, 32);
      c11 = v128.load(init, 48);
      c20 = v128.load(init, 64);
      c21 = v128.load(init, 80);
      c30 = v128.load(init, 96);
      c31 = v128.load(init, 112);
      c40 = v128.load(init, 128);
      c41 = v128.load(init, 144);
      c50 = v128.load(init, 160);
      c51 = v128.load(init, 176);
    }
    let b0: v128, b1: v128, av: v128;
    // One k per iteration, on purpose. V8 unrolls small wasm loops itself, and its scheduler then groups each
    // accumulator's chain, keeping every unrolled iteration's loads live at once: a body unrolled by hand
    // spilled most accumulators to the stack in Node 20's TurboFan (512³ product: 15 GFLOP/s, this body 28).
    let p = 0;
    for (; p < k; p++) {
      b0 = v128.load(b, 0);
      b1 = v128.load(b, 16);
      av = v128.load32_splat(a, 0);
      c00 = Micro.madd(av, b0, c00);
      c01 = Micro.madd(av, b1, c01);
      av = v128.load32_splat(a, 4);
      c10 = Micro.madd(av, b0, c10);
      c11 = Micro.madd(av, b1, c11);
      av = v128.load32_splat(a, 8);
      c20 = Micro.madd(av, b0, c20);
      c21 = Micro.madd(av, b1, c21);
      av = v128.load32_splat(a, 12);
      c30 = Micro.madd(av, b0, c30);
      c31 = Micro.madd(av, b1, c31);
      av = v128.load32_splat(a, 16);
      c40 = Micro.madd(av, b0, c40);
      c41 = Micro.madd(av, b1, c41);
      av = v128.load32_splat(a, 20);
      c50 = Micro.madd(av, b0, c50);
      c51 = Micro.madd(av, b1, c51);
      a += 24;
      b += 32;
    }
    v128.store(out, c00, 0);
    v128.store(out, c01, 16);
    v128.store(out, c10, 32);
    v128.store(out, c11, 48);
    v128.store(out, c20, 64);
    v128.store(out, c21, 80);
    v128.store(out, c30, 96);
    v128.store(out, c31, 112);
    v128.store(out, c40, 128);
    v128.store(out, c41, 144);
    v128.store(out, c50, 160);
    v128.store(out, c51, 176);
  }
}
