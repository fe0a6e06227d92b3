// SGD update of a layer's bias: b_j −= lr·Σ_r δ[r, j] (lr = params.x) (∂loss/∂b = column sums of δ_l). One thread per unit;
// consecutive threads read consecutive floats of each row.

override ROWS: u32;
override COLS: u32;
override LD: u32;

@group(0) @binding(0) var<storage, read> delta: array<f32>; // δ_l, [ROWS, LD]
@group(0) @binding(1) var<storage, read_write> bias: array<f32>; // b_l, [LD]
@group(0) @binding(2) var<uniform> params: vec4<f32>; // x: learning rate

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let j = gid.x;
  if (j >= COLS) {
    return;
  }
  var s = 0.0;
  for (var r = 0u; r < ROWS; r++) {
    s += delta[r * LD + j];
  }
  bias[j] = bias[j] - params.x * s;
}
