// Loss and its gradient g_L = ∂loss/∂h_L, with δ_L = g_L ⊙ φ′(z_L).
// mse: (1/(2·ROWS))·Σ(h − y)², g = (h − y)/ROWS; probe (PROBE): (1/ROWS)·Σ h·y, g = y/ROWS.
// Each workgroup covers 4096 consecutive elements of the logical [ROWS, COLS] tensor (rows of LD floats).
// Per workgroup, partials[4·wg ..]: loss part, Σg², Σ g·∂φ/∂k(z_L).

override ROWS: u32;
override COLS: u32;
override LD: u32;
override PROBE: bool;

@group(0) @binding(0) var<storage, read> h: array<f32>; // h_L, [ROWS, LD]
@group(0) @binding(1) var<storage, read> y: array<f32>; // targets, [ROWS, LD]
@group(0) @binding(2) var<storage, read> z: array<f32>; // z_L, [ROWS, LD]
@group(0) @binding(3) var<uniform> knob: vec4<f32>; // x: layer L's k (hybrid)
@group(0) @binding(4) var<storage, read_write> deltaOut: array<f32>; // δ_L, [ROWS, LD]
@group(0) @binding(5) var<storage, read_write> partials: array<f32>;

// Threads per workgroup: few, because on CPU adapters each barrier of a big workgroup costs more than the
// arithmetic (SwiftShader). Each thread takes 4096 / WG elements, WG apart.
const WG: u32 = 32u;

// lossAt (one element), the workgroup scratch and lossPartials: loss_common.wgsl.

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let total = ROWS * COLS;
  let rows = f32(ROWS);
  let k = knob.x;
  var sums = vec3<f32>(0.0);
  for (var i = 0u; i < 4096u / WG; i++) {
    let e = wid.x * 4096u + i * WG + t;
    if (e < total) {
      let at = (e / COLS) * LD + e % COLS;
      sums += lossAt(at, at, rows, k);
    }
  }
  lossPartials(sums, t, wid.x * 4u);
}
