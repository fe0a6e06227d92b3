// Batched loss of a sweep group (src/gpu/sweep/): per cell, its loss and g_L = ∂loss/∂h_L, with
// δ_L = g_L ⊙ φ′_c(z_L), as loss.wgsl computes them for one run:
// mse: (1/(2·ROWS))·Σ(h − y)², g = (h − y)/ROWS; probe (PROBE): (1/ROWS)·Σ h·y, g = y/ROWS.
// Workgroup (x, y) covers elements [4096·x, 4096·(x + 1)) of cell y's logical [ROWS, COLS] tensor (its rows
// start at row y·BP of h, z and δ; every cell has the same targets). Padding rows of δ_L are left as they are
// (zero: src/gpu/sweep/batch.ts clears them).
// Per workgroup, partials[4·(y·NL + x) ..]: loss part, Σg², Σ g·∂φ/∂k(z_L).

override ROWS: u32;
override COLS: u32;
override LD: u32;
override BP: u32;
override NL: u32;
override PROBE: bool;

@group(0) @binding(0) var<storage, read> h: array<f32>; // h_L, [C·BP, LD]
@group(0) @binding(1) var<storage, read> y: array<f32>; // targets, [ROWS, LD]
@group(0) @binding(2) var<storage, read> z: array<f32>; // z_L, [C·BP, LD]
@group(0) @binding(3) var<storage, read> cells: array<Cell>; // [C]
@group(0) @binding(4) var<storage, read_write> deltaOut: array<f32>; // δ_L, [C·BP, LD]
@group(0) @binding(5) var<storage, read_write> partials: array<f32>; // [C·NL·4]

// Few threads per workgroup, as in loss.wgsl (barriers are costly on CPU adapters).
const WG: u32 = 32u;

// lossAt (one element), the workgroup scratch and lossPartials: loss_common.wgsl, shared with loss.wgsl.

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let total = ROWS * COLS;
  let rows = f32(ROWS);
  let p = cells[wid.y];
  useCell(p);
  let k = p.knob;
  let base = wid.y * BP * LD;
  var sums = vec3<f32>(0.0);
  for (var i = 0u; i < 4096u / WG; i++) {
    let e = wid.x * 4096u + i * WG + t;
    if (e < total) {
      let own = (e / COLS) * LD + e % COLS;
      let at = base + own;
      sums += lossAt(at, own, rows, k);
    }
  }
  lossPartials(sums, t, (wid.y * NL + wid.x) * 4u);
}
