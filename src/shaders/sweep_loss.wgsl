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

var<workgroup> red: array<vec3<f32>, WG>;

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
      let hv = h[at];
      let yv = y[own];
      var g: f32;
      var part: f32;
      if (PROBE) {
        g = yv / rows;
        part = hv * yv / rows;
      } else {
        let d = hv - yv;
        g = d / rows;
        part = d * d / (2.0 * rows);
      }
      let zv = z[at];
      deltaOut[at] = g * dphi(zv, k);
      sums += vec3<f32>(part, g * g, g * dphiDknob(zv));
    }
  }
  red[t] = sums;
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    workgroupBarrier();
    if (t < s) {
      red[t] += red[t + s];
    }
  }
  if (t == 0u) {
    let q = (wid.y * NL + wid.x) * 4u;
    partials[q] = red[0].x;
    partials[q + 1u] = red[0].y;
    partials[q + 2u] = red[0].z;
  }
}
