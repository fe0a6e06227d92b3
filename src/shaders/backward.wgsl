// Backward through W_l with φ′ of the layer below fused: g = δ_l·W_lᵀ (= ∂loss/∂h_{l-1}),
// δ_{l-1} = g ⊙ φ′(z_{l-1}).
// Overrides (matmul_*.wgsl): M = batch, N = K = width, LDA = LDB = LDC = padded width, A_CONTIG_K = true,
// B_CONTIG_K = true (W_l is [width_in, width_out] row-major: row i of W_l is column i of W_lᵀ).
// Per workgroup, partials[2·wg ..]: Σg², Σ g·∂φ/∂k(z_{l-1}) over its tile (layer l−1's gradNorm² and
// knobGrad parts).

override LDC: u32;

@group(0) @binding(0) var<storage, read> matA: array<vec4<f32>>; // δ_l, [batch, LDA]
@group(0) @binding(1) var<storage, read> matB: array<vec4<f32>>; // W_l, [width, LDB]
@group(0) @binding(2) var<storage, read> zPrev: array<vec4<f32>>; // z_{l-1}, [batch, LDC]
@group(0) @binding(3) var<uniform> knob: vec4<f32>; // x: layer l−1's k (hybrid)
@group(0) @binding(4) var<storage, read_write> deltaOut: array<vec4<f32>>; // δ_{l-1}, [batch, LDC]
@group(0) @binding(5) var<storage, read_write> partials: array<f32>;

// backRow (a row's δ_{l-1} and sums), the workgroup scratch and backPartials: backward_epilogue.wgsl.

@compute @workgroup_size(WG_X, WG_Y)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
  @builtin(local_invocation_index) t: u32,
) {
  let acc = mmTile(wid.xy, lid.xy, t);
  let o = mmBlock(wid.xy, lid.xy);
  let m0 = o.x;
  let n0 = o.y;
  let cols = lanesBelow(n0, N);
  let k = knob.x;
  // Rows unrolled by hand with constant indices into acc: a dynamically indexed array would be spilled to
  // memory, and on CPU adapters every such access is a per-lane gather (MM_ROWS is 4 or 8).
  var sums = backRow(m0, n0, acc[0], cols, k) + backRow(m0 + 1u, n0, acc[1], cols, k);
  sums += backRow(m0 + 2u, n0, acc[2], cols, k) + backRow(m0 + 3u, n0, acc[3], cols, k);
  if (MM_ROWS > 4u) {
    sums += backRow(m0 + 4u, n0, acc[min(4u, MM_ROWS - 1u)], cols, k);
    sums += backRow(m0 + 5u, n0, acc[min(5u, MM_ROWS - 1u)], cols, k);
    sums += backRow(m0 + 6u, n0, acc[min(6u, MM_ROWS - 1u)], cols, k);
    sums += backRow(m0 + 7u, n0, acc[min(7u, MM_ROWS - 1u)], cols, k);
  }
  backPartials(sums, t, wid.y * nwg.x + wid.x);
}
