// Forward layer: z = h_prev·W + b, h = φ(z), with the layer's statistics in the epilogue.
// Overrides (matmul_*.wgsl): M = batch, N = K = width, LDA = LDB = LDC = padded width, A_CONTIG_K = true,
// B_CONTIG_K = false; activation overrides in activation.wgsl.
// Per workgroup, partials[8·wg ..]: count, mean z, M2 z, mean h, M2 h (Chan triples, reduce.wgsl); per unit
// j, flags[j] |= 1 if some example has φ′ ≠ 0 and |= 2 if some example has |φ′| ≥ 0.01 (not < 0.01, so NaN
// counts as neither dead nor saturated, as in the reference).
// STATS = false (activation checkpointing's recompute, src/gpu/checkpoint.ts): z and h only, by the same code, so
// they come out bit for bit as with the statistics; partials and flags are left alone.

override LDC: u32;
override STATS: bool = true;

@group(0) @binding(0) var<storage, read> matA: array<vec4<f32>>; // h_{l-1}, [batch, LDA]
@group(0) @binding(1) var<storage, read> matB: array<vec4<f32>>; // W_l, [width, LDB]
@group(0) @binding(2) var<storage, read> bias: array<vec4<f32>>; // b_l, [LDC] (zeros without bias)
@group(0) @binding(3) var<uniform> knob: vec4<f32>; // x: this layer's k (hybrid)
@group(0) @binding(4) var<storage, read_write> zOut: array<vec4<f32>>; // z_l, [batch, LDC]
@group(0) @binding(5) var<storage, read_write> hOut: array<vec4<f32>>; // h_l, [batch, LDC]
@group(0) @binding(6) var<storage, read_write> partials: array<f32>;
@group(0) @binding(7) var<storage, read_write> flags: array<atomic<u32>>;

// The epilogue's row sums (FwdRows, rowStats), its workgroup scratch and statsEpilogue: stats_epilogue.wgsl.

// Row m of the block (columns n0 …, of which `cols` exist): stores z and h, returns its sums and flags.
fn fwdRow(m: u32, n0: u32, a: vec4<f32>, b: vec4<f32>, cols: vec4<bool>, k: f32, shift: vec2<f32>) -> FwdRows {
  if (m >= M) {
    return FwdRows(vec4<f32>(0.0), 0.0, vec4<u32>(0u));
  }
  let z = select(vec4<f32>(0.0), a + b, cols);
  let h = select(vec4<f32>(0.0), phi4(z, k), cols);
  if (n0 < LDC) {
    zOut[(m * LDC + n0) / 4u] = z;
    hOut[(m * LDC + n0) / 4u] = h;
  }
  return rowStats(z, h, cols, k, shift);
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
  @builtin(local_invocation_index) t: u32,
) {
  if (STATS) {
    clearColFlags(t);
  }
  let acc = mmTile(wid.xy, lid.xy, t);
  let o = mmBlock(wid.xy, lid.xy);
  let m0 = o.x;
  let n0 = o.y;
  let cols = lanesBelow(n0, N);
  let k = knob.x;
  var b = vec4<f32>(0.0);
  if (n0 < LDC) {
    b = bias[n0 / 4u];
  }
  // One pass over the block, rows unrolled with constant indices into acc (a dynamically indexed array would
  // be spilled to memory, and on CPU adapters every such access is a per-lane gather; MM_ROWS is 4 or 8).
  // Sums are taken relative to a value of the block (its first z and h), so Σd² − (Σd)²/n keeps the
  // variance accurate when |mean| ≫ std.
  let cz = acc[0].x + b.x;
  let shift = vec2<f32>(cz, phi(cz, k));
  var r = fwdRow(m0, n0, acc[0], b, cols, k, shift);
  r = addRows(r, fwdRow(m0 + 1u, n0, acc[1], b, cols, k, shift));
  r = addRows(r, fwdRow(m0 + 2u, n0, acc[2], b, cols, k, shift));
  r = addRows(r, fwdRow(m0 + 3u, n0, acc[3], b, cols, k, shift));
  if (MM_ROWS > 4u) {
    r = addRows(r, fwdRow(m0 + 4u, n0, acc[min(4u, MM_ROWS - 1u)], b, cols, k, shift));
    r = addRows(r, fwdRow(m0 + 5u, n0, acc[min(5u, MM_ROWS - 1u)], b, cols, k, shift));
    r = addRows(r, fwdRow(m0 + 6u, n0, acc[min(6u, MM_ROWS - 1u)], b, cols, k, shift));
    r = addRows(r, fwdRow(m0 + 7u, n0, acc[min(7u, MM_ROWS - 1u)], b, cols, k, shift));
  }
  if (!STATS) {
    return;
  }
  statsEpilogue(r, shift, wid, nwg, t, n0, 0u);
}
