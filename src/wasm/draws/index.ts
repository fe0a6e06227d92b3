// @ts-nocheck -- AssemblyScript (compiled by asc, not tsc): f64/i32/u32 types and builtins are asc's.
/**
 * The draws module: Rng.fillNormal (src/engine/random.ts) in WebAssembly, bit for bit. Built by
 * src/wasm/build.mjs into src/wasm/build/draws.ts, loaded by src/wasm/draws.ts.
 *
 * Everything here is a line-by-line port of random.ts (xoshiro128**, uniform, Box–Muller with the spare) and of
 * the code paths of src/engine/fdlibm.ts that Box–Muller reaches (log; sin and cos with the small and medium
 * argument reductions). Integer operations are i32/u32 as JavaScript's `| 0`, `>>>` and Math.imul; float
 * operations are single IEEE f64 +, −, ×, ÷, √ in the same order as the JavaScript (wasm has no fused
 * multiply-add in the MVP, and binaryen does not reassociate floats), so every result is the same double.
 * Do not "simplify" an expression, and do not use Math.log/sin/cos here: asc's are not fdlibm's.
 *
 * Memory (byte offsets, little-endian): the state block at stateBase(): s0..s3 as i32 at +0, +4, +8, +12, the
 * spare normal as f64 at +16 (NaN: no spare, as in random.ts). The output, n float64, starts at outBase();
 * the host grows memory to hold it.
 */

/** First byte of the state block (32 bytes). */
export function stateBase(): usize {
  return (__heap_base + 63) & ~63;
}

/** First byte of the output: n float64 from here. */
export function outBase(): usize {
  return stateBase() + 64;
}

// ---------------------------------------------------------------------------------------------------------
// Word access to a float64 (fdlibm's GET_HIGH_WORD, GET_LOW_WORD, INSERT_WORDS).
// ---------------------------------------------------------------------------------------------------------

function highWord(x: f64): i32 {
  return <i32>(reinterpret<u64>(x) >>> 32);
}

function lowWord(x: f64): i32 {
  return <i32>reinterpret<u64>(x);
}

function fromWords(hi: i32, lo: i32): f64 {
  return reinterpret<f64>(((<u64>(<u32>hi)) << 32) | (<u64>(<u32>lo)));
}

// ---------------------------------------------------------------------------------------------------------
// e_log.c (fdlibm.ts log), complete.
// ---------------------------------------------------------------------------------------------------------
const LN2_HI: f64 = 6.9314718036912381649e-1; // 3FE62E42 FEE00000
const LN2_LO: f64 = 1.90821492927058770002e-10; // 3DEA39EF 35793C76
const TWO54: f64 = 1.8014398509481984e16; // 43500000 00000000
const LG1: f64 = 6.66666666666673513e-1; // 3FE55555 55555593
const LG2: f64 = 3.999999999940941908e-1; // 3FD99999 9997FA04
const LG3: f64 = 2.857142874366239149e-1; // 3FD24924 94229359
const LG4: f64 = 2.222219843214978396e-1; // 3FCC71C5 1D8E78AF
const LG5: f64 = 1.818357216161805012e-1; // 3FC74664 96CB03DE
const LG6: f64 = 1.531383769920937332e-1; // 3FC39A09 D078C69F
const LG7: f64 = 1.479819860511658591e-1; // 3FC2F112 DF3E5244

function log(x: f64): f64 {
  let hx = highWord(x);
  const lx = lowWord(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) == 0) return -TWO54 / 0.0; // log(±0) = −∞
    if (hx < 0) return NaN; // log(−#) = NaN
    k -= 54;
    x *= TWO54; // subnormal: scale up x
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = fromWords(hx | (i ^ 0x3ff00000), lowWord(x)); // normalize x or x/2
  k += i >> 20;
  const f = x - 1.0;
  const dk = <f64>k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // −2^-20 ≤ f < 2^-20
    if (f == 0.0) return k == 0 ? 0.0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    if (k == 0) return f - r;
    return dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const r = t2 + t1;
  // fdlibm branches on k == 0, which Box–Muller's uniform hits 29% of the time (u ≥ √2/2): an unpredictable
  // branch, so both expressions are computed and one selected (the same double either way).
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return select<f64>(
      f - (hfsq - s * (hfsq + r)),
      dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f),
      k == 0,
    );
  }
  return select<f64>(f - s * (f - r), dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f), k == 0);
}

// ---------------------------------------------------------------------------------------------------------
// k_sin.c and k_cos.c
// ---------------------------------------------------------------------------------------------------------
const S1: f64 = -1.66666666666666324348e-1; // BFC55555 55555549
const S2: f64 = 8.33333333332248946124e-3; // 3F811111 1110F8A6
const S3: f64 = -1.98412698298579493134e-4; // BF2A01A0 19C161D5
const S4: f64 = 2.75573137070700676789e-6; // 3EC71DE3 57B1FE7D
const S5: f64 = -2.50507602534068634195e-8; // BE5AE5E6 8A2B9CEB
const S6: f64 = 1.58969099521155010221e-10; // 3DE5D93A 5ACFD57C
const C1: f64 = 4.16666666666666019037e-2; // 3FA55555 5555554C
const C2: f64 = -1.38888888888741095749e-3; // BF56C16C 16C15177
const C3: f64 = 2.48015872894767294178e-5; // 3EFA01A0 19CB1590
const C4: f64 = -2.75573143513906633035e-7; // BE927E4F 809C52AD
const C5: f64 = 2.0875723212981748279e-9; // 3E21EE9E BDB4B1C4
const C6: f64 = -1.13596475577881948265e-11; // BDA8FAE9 BE8838D4

function kernelSin(x: f64, y: f64, iy: i32): f64 {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && trunc<f64>(x) == 0.0) return x; // |x| < 2^-27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy == 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

function kernelCos(x: f64, y: f64): f64 {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && trunc<f64>(x) == 0.0) return 1.0; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  // fdlibm: |x| < 0.3 ? 1.0 - (0.5·z - (z·r - x·y)) : (1.0 - qx) - ((0.5·z - qx) - (z·r - x·y)). The first is
  // the second with qx = 0 exactly (1.0 - 0 = 1.0 and 0.5·z - 0 = 0.5·z are exact), so qx is selected
  // instead of branching on a condition true for 38% of Box–Muller's reduced arguments.
  const qx = select<f64>(
    0.0,
    ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0), // |x| > 0.78125 ? 9/32 : |x|/4
    ix < 0x3fd33333, // |x| < 0.3
  );
  const hz = 0.5 * z - qx;
  const a = 1.0 - qx;
  return a - (hz - (z * r - x * y));
}

// ---------------------------------------------------------------------------------------------------------
// e_rem_pio2.c, small and medium arguments only (as fdlibm.ts).
// ---------------------------------------------------------------------------------------------------------
const INVPIO2: f64 = 6.36619772367581382433e-1; // 3FE45F30 6DC9C883
const PIO2_1: f64 = 1.57079632673412561417; // 3FF921FB 54400000
const PIO2_1T: f64 = 6.07710050650619224932e-11; // 3DD0B461 1A626331
const PIO2_2: f64 = 6.0771005063039659766e-11; // 3DD0B461 1A600000
const PIO2_2T: f64 = 2.02226624879595063154e-21; // 3BA3198A 2E037073
const PIO2_3: f64 = 2.0222662487111664558e-21; // 3BA3198A 2E000000
const PIO2_3T: f64 = 8.47842766036889956997e-32; // 397B839A 252049C1

const NPIO2_HW: StaticArray<i32> = [
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a,
  0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a,
  0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac,
  0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
];

/** The reduced argument of the last remPio2: x = n·π/2 + (y0 + y1). */
let y0: f64 = 0;
let y1: f64 = 0;

/**
 * fdlibm's __ieee754_rem_pio2 for π/4 < |x| ≤ 2^20·π/2. Beyond, fdlibm uses __kernel_rem_pio2, which is not
 * ported (fdlibm.ts throws a RangeError there): this traps (`unreachable`), so the host gets an error rather
 * than a different number. Box–Muller's θ is in [0, 2π) and never gets there.
 */
function remPio2(x: f64): i32 {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix != 0x3ff921fb) {
        y0 = z - PIO2_1T;
        y1 = z - y0 - PIO2_1T;
      } else {
        z -= PIO2_2;
        y0 = z - PIO2_2T;
        y1 = z - y0 - PIO2_2T;
      }
      return 1;
    }
    let z = x + PIO2_1;
    if (ix != 0x3ff921fb) {
      y0 = z + PIO2_1T;
      y1 = z - y0 + PIO2_1T;
    } else {
      z += PIO2_2;
      y0 = z + PIO2_2T;
      y1 = z - y0 + PIO2_2T;
    }
    return -1;
  }
  if (ix > 0x413921fb) unreachable(); // huge argument: not ported (see above)
  const t0 = abs<f64>(x);
  const fn = trunc<f64>(t0 * INVPIO2 + 0.5); // Math.trunc in fdlibm.ts, (int) in C: the same for |n| < 2^20
  const n = <i32>fn;
  let r = t0 - fn * PIO2_1;
  let w = fn * PIO2_1T;
  if (n < 32 && ix != unchecked(NPIO2_HW[n - 1])) {
    y0 = r - w;
  } else {
    const j = ix >> 20;
    y0 = r - w;
    let i = j - ((highWord(y0) >> 20) & 0x7ff);
    if (i > 16) {
      let t = r;
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      y0 = r - w;
      i = j - ((highWord(y0) >> 20) & 0x7ff);
      if (i > 49) {
        t = r;
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        y0 = r - w;
      }
    }
  }
  y1 = r - y0 - w;
  if (hx < 0) {
    y0 = -y0;
    y1 = -y1;
    return -n;
  }
  return n;
}

/** sin(x) and cos(x) of fdlibm.ts at once: one argument reduction (the same one each would make alone). */
let sinOut: f64 = 0;
let cosOut: f64 = 0;

function sincos(x: f64): void {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    // |x| ≤ π/4
    sinOut = kernelSin(x, 0.0, 0);
    cosOut = kernelCos(x, 0.0);
    return;
  }
  if (ix >= 0x7ff00000) {
    sinOut = x - x;
    cosOut = x - x;
    return;
  }
  const n = remPio2(x);
  // fdlibm's switch on n & 3 (sin: ks, kc, −ks, −kc; cos: kc, −ks, −kc, ks), as selects: the quadrant is
  // random, so a branch would be mispredicted about 3 times in 4. Negation is exact. (These selects and the
  // two in log and kernelCos together gave roughly 10–15% on a noisy 2-core machine.)
  const ks = kernelSin(y0, y1, 1);
  const kc = kernelCos(y0, y1);
  const odd = (n & 1) != 0;
  const s = select<f64>(kc, ks, odd);
  const c = select<f64>(ks, kc, odd);
  sinOut = select<f64>(-s, s, (n & 2) != 0); // quadrants 2, 3
  cosOut = select<f64>(-c, c, ((n + 1) & 2) != 0); // quadrants 1, 2
}

// ---------------------------------------------------------------------------------------------------------
// random.ts: xoshiro128**, uniform(), normal(), fillNormal().
// ---------------------------------------------------------------------------------------------------------

/** 2·Math.PI, exact (a power-of-two multiple of the double nearest π). */
const TWO_PI: f64 = 2.0 * 3.141592653589793;

/** 2^26 and 2^53: uniform() = (hi·2^26 + lo + 0.5)/2^53. */
const TWO26: f64 = 67108864.0;
const TWO53: f64 = 9007199254740992.0;

/**
 * Writes n draws mean + std·normal() as float64 to outBase(), continuing the generator in the state block
 * and writing it back: exactly what n calls of Rng.normal() give, the spare included.
 *
 * The xoshiro128** state lives in locals a, b, c, d (s0..s3 of random.ts) and Rng.nextU32 is written out four
 * times per pair of normals, so the state stays in registers instead of module globals (which V8 keeps in
 * memory). Each block is nextU32 line for line: u32 multiply and shift wrap like
 * Math.imul and `<<`, rotl like random.ts's (the same bits; JS keeps them as int32, here as u32).
 */
export function fillNormal(n: i32, mean: f64, std: f64): void {
  const state = stateBase();
  let a = load<u32>(state, 0);
  let b = load<u32>(state, 4);
  let c = load<u32>(state, 8);
  let d = load<u32>(state, 12);
  let spare = load<f64>(state, 16);
  let out = outBase();
  const end = out + ((<usize>n) << 3);
  if (out < end && spare == spare) {
    // normal(): the spare first, if any
    store<f64>(out, mean + std * spare);
    spare = NaN;
    out += 8;
  }
  while (out < end) {
    // uniform(): hi = nextU32() >>> 5, lo = nextU32() >>> 6
    const x0 = rotl<u32>(b * 5, 7) * 9;
    let t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl<u32>(d, 11);
    const x1 = rotl<u32>(b * 5, 7) * 9;
    t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl<u32>(d, 11);
    const u1 = (<f64>(x0 >>> 5) * TWO26 + <f64>(x1 >>> 6) + 0.5) / TWO53;
    // the second uniform()
    const x2 = rotl<u32>(b * 5, 7) * 9;
    t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl<u32>(d, 11);
    const x3 = rotl<u32>(b * 5, 7) * 9;
    t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl<u32>(d, 11);
    const u2 = (<f64>(x2 >>> 5) * TWO26 + <f64>(x3 >>> 6) + 0.5) / TWO53;
    // Box–Muller: r·cos θ now, r·sin θ next (or kept as the spare)
    const r = sqrt<f64>(-2.0 * log(u1));
    sincos(TWO_PI * u2);
    store<f64>(out, mean + std * (r * cosOut));
    out += 8;
    const second = r * sinOut;
    if (out < end) {
      store<f64>(out, mean + std * second);
      out += 8;
    } else {
      spare = second;
    }
  }
  store<u32>(state, a, 0);
  store<u32>(state, b, 4);
  store<u32>(state, c, 8);
  store<u32>(state, d, 12);
  store<f64>(state, spare, 16);
}
