// A layer without statistics: out = φ(h·W + b) (APPLY_PHI) or out = h·W + b (the linear read-out of a
// data-set network). The step uses it for the read-out's forward pass; logits() for every layer of a forward
// pass over data points (gpu/logits.ts), which must leave the buffers of the last step's statistics alone.
// Overrides (matmul_*.wgsl): M = rows, N = fan-out, K = fan-in, LDA = padded fan-in, LDB = LDC = padded
// fan-out, A_CONTIG_K = true, B_CONTIG_K = false; activation overrides in activation.wgsl.
// Padding columns of `out` (N ≤ column < LDC) are written as 0, as the next product's loads need.

override LDC: u32;
override APPLY_PHI: bool;

@group(0) @binding(0) var<storage, read> matA: array<vec4<f32>>; // h, [M, LDA]
@group(0) @binding(1) var<storage, read> matB: array<vec4<f32>>; // W, [K, LDB]
@group(0) @binding(2) var<storage, read> bias: array<vec4<f32>>; // b, [LDC]
@group(0) @binding(3) var<uniform> knob: vec4<f32>; // x: this layer's k (hybrid; unused by the read-out)
@group(0) @binding(4) var<storage, read_write> outv: array<vec4<f32>>; // out, [M, LDC]

// Row m of the block (columns n0 …, of which `cols` exist).
fn linRow(m: u32, n0: u32, a: vec4<f32>, b: vec4<f32>, cols: vec4<bool>, k: f32) {
  if (m >= M || n0 >= LDC) {
    return;
  }
  var v = a + b;
  if (APPLY_PHI) {
    v = phi4(v, k);
  }
  outv[(m * LDC + n0) / 4u] = select(vec4<f32>(0.0), v, cols);
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
  @builtin(local_invocation_index) t: u32,
) {
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
  // Rows unrolled with constant indices into acc (see backward.wgsl; MM_ROWS is 4 or 8).
  linRow(m0, n0, acc[0], b, cols, k);
  linRow(m0 + 1u, n0, acc[1], b, cols, k);
  linRow(m0 + 2u, n0, acc[2], b, cols, k);
  linRow(m0 + 3u, n0, acc[3], b, cols, k);
  if (MM_ROWS > 4u) {
    linRow(m0 + 4u, n0, acc[min(4u, MM_ROWS - 1u)], b, cols, k);
    linRow(m0 + 5u, n0, acc[min(5u, MM_ROWS - 1u)], b, cols, k);
    linRow(m0 + 6u, n0, acc[min(6u, MM_ROWS - 1u)], b, cols, k);
    linRow(m0 + 7u, n0, acc[min(7u, MM_ROWS - 1u)], b, cols, k);
  }
}
