// The loss pass's per-element work and workgroup sum, shared by loss.wgsl (one run) and sweep_loss.wgsl (a
// sweep group), joined after activation.wgsl (src/gpu/kernels/loss.ts, src/gpu/sweep/kernels.ts). It owns its
// workgroup scratch `red`; the including module declares `const WG: u32` (threads per workgroup),
// `override PROBE: bool`, and the bindings `h`, `y`, `z`, `deltaOut` and `partials`, each an array<f32>.

var<workgroup> red: array<vec3<f32>, WG>;

// One element: h and z at h[at], z[at], the target at y[yAt]; stores δ = g·φ′(z) at deltaOut[at] and returns
// (loss part, g², g·∂φ/∂k). `rows`: the batch as f32.
// mse: part = (h − y)²/(2·rows), g = (h − y)/rows; probe (PROBE): part = h·y/rows, g = y/rows.
fn lossAt(at: u32, yAt: u32, rows: f32, k: f32) -> vec3<f32> {
  let hv = h[at];
  let yv = y[yAt];
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
  return vec3<f32>(part, g * g, g * dphiDknob(zv));
}

// The workgroup's sum of every invocation's `sums` into partials[p], partials[p + 1], partials[p + 2].
// Called in uniform control flow (barriers).
fn lossPartials(sums: vec3<f32>, t: u32, p: u32) {
  red[t] = sums;
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    workgroupBarrier();
    if (t < s) {
      red[t] += red[t + s];
    }
  }
  if (t == 0u) {
    partials[p] = red[0].x;
    partials[p + 1u] = red[0].y;
    partials[p + 2u] = red[0].z;
  }
}
