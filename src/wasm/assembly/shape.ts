// @ts-nocheck -- AssemblyScript (compiled by asc, not tsc): f32/v128 types and SIMD builtins are asc's.
/**
 * The micro-kernel's tile: MR rows × NR columns. MR·NR/4 = 12 f32x4 accumulators + 2 B vectors + 1 splat
 * = 15 registers, what V8 can allocate on x64 (xmm0–xmm14); 12 independent accumulator chains cover the
 * 4-cycle latency of two FMA ports. Must equal src/wasm/layout.ts MR and NR.
 */
export const MR: i32 = 6;
export const NR: i32 = 8;
/** Bytes of one MR×NR float tile. */
export const TILE_BYTES: i32 = MR * NR * 4;
