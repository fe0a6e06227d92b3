// Weight gradient ∂W_l = h_{l-1}ᵀ·δ_l with ‖∂W_l‖² partials and, in a training step (params.y = 1), the
// SGD update W_l −= lr·∂W_l fused (lr = params.x) (each thread owns its block of W_l, so the in-place update is race-free; the
// backward pass that reads W_l is dispatched before this one).
// Overrides (matmul_*.wgsl): M = N = width, K = batch, LDA = LDB = LDC = padded width, A_CONTIG_K = false
// (h_{l-1} is [batch, width]: Aᵀ stored), B_CONTIG_K = false.
// Per workgroup, partials[wg]: Σ(∂W)² over its tile.

override LDC: u32;

@group(0) @binding(0) var<storage, read> matA: array<vec4<f32>>; // h_{l-1}, [batch, LDA]
@group(0) @binding(1) var<storage, read> matB: array<vec4<f32>>; // δ_l, [batch, LDB]
@group(0) @binding(2) var<storage, read_write> weights: array<vec4<f32>>; // W_l, [width, LDC]
@group(0) @binding(3) var<storage, read_write> partials: array<f32>;
@group(0) @binding(4) var<uniform> params: vec4<f32>; // x: learning rate, y: 1 in a training step

var<workgroup> red: array<f32, WG_N>;

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
  let train = params.y != 0.0;
  let lr = params.x;
  var sum = 0.0;
  for (var i = 0u; i < MM_ROWS; i++) {
    let m = m0 + i;
    if (m < M && n0 < LDC) {
      let dw = select(vec4<f32>(0.0), acc[i], cols);
      sum += dot(dw, dw);
      if (train) {
        let at = (m * LDC + n0) / 4u;
        weights[at] = weights[at] - lr * dw;
      }
    }
  }
  red[t] = sum;
  for (var s = WG_N / 2u; s > 0u; s >>= 1u) {
    workgroupBarrier();
    if (t < s) {
      red[t] += red[t + s];
    }
  }
  if (t == 0u) {
    partials[wid.y * nwg.x + wid.x] = red[0];
  }
}
