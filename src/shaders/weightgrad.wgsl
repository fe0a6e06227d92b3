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

// Row m of the block: Σ(∂W)² over its existing columns, and the SGD update of that row in a training step.
fn gradRow(m: u32, n0: u32, a: vec4<f32>, cols: vec4<bool>, train: bool, lr: f32) -> f32 {
  if (m >= M || n0 >= LDC) {
    return 0.0;
  }
  let dw = select(vec4<f32>(0.0), a, cols);
  if (train) {
    let at = (m * LDC + n0) / 4u;
    weights[at] = weights[at] - lr * dw;
  }
  return dot(dw, dw);
}

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
  // Rows unrolled with constant indices into acc (see backward.wgsl; MM_ROWS is 4 or 8).
  var sum = gradRow(m0, n0, acc[0], cols, train, lr) + gradRow(m0 + 1u, n0, acc[1], cols, train, lr);
  sum += gradRow(m0 + 2u, n0, acc[2], cols, train, lr) + gradRow(m0 + 3u, n0, acc[3], cols, train, lr);
  if (MM_ROWS > 4u) {
    sum += gradRow(m0 + 4u, n0, acc[min(4u, MM_ROWS - 1u)], cols, train, lr);
    sum += gradRow(m0 + 5u, n0, acc[min(5u, MM_ROWS - 1u)], cols, train, lr);
    sum += gradRow(m0 + 6u, n0, acc[min(6u, MM_ROWS - 1u)], cols, train, lr);
    sum += gradRow(m0 + 7u, n0, acc[min(7u, MM_ROWS - 1u)], cols, train, lr);
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
