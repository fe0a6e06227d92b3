// The backward pass's epilogue through a layer's φ′, shared by backward.wgsl (one run) and sweep_backward.wgsl
// (a sweep group), joined after activation.wgsl and the matmul core (src/gpu/kernels/backward.ts,
// src/gpu/sweep/kernels.ts). It owns its workgroup scratch `red`; the including module declares
// `override LDC: u32` and the bindings `zPrev: array<vec4<f32>>` (z_{l-1}), `deltaOut: array<vec4<f32>>`
// (δ_{l-1}), both [rows, LDC], and `partials: array<f32>` (2 floats per workgroup).

var<workgroup> red: array<vec2<f32>, WG_N>;

// Row m of the block (columns n0 …, of which `cols` exist), g = `a` there: stores δ_{l-1} = g ⊙ φ′(z_{l-1}),
// returns (Σg², Σg·∂φ/∂k).
fn backRow(m: u32, n0: u32, a: vec4<f32>, cols: vec4<bool>, k: f32) -> vec2<f32> {
  if (m >= M || n0 >= LDC) {
    return vec2<f32>(0.0);
  }
  let at = (m * LDC + n0) / 4u;
  let z = zPrev[at];
  let g = select(vec4<f32>(0.0), a, cols);
  deltaOut[at] = g * dphi4(z, k);
  return vec2<f32>(dot(g, g), dot(g, dphiDknob4(z)));
}

// The workgroup's sum of every invocation's `sums` into partials[2·wg], partials[2·wg + 1]. Called in uniform
// control flow (barriers).
fn backPartials(sums: vec2<f32>, t: u32, wg: u32) {
  red[t] = sums;
  for (var s = WG_N / 2u; s > 0u; s >>= 1u) {
    workgroupBarrier();
    if (t < s) {
      red[t] += red[t + s];
    }
  }
  if (t == 0u) {
    let p = wg * 2u;
    partials[p] = red[0].x;
    partials[p + 1u] = red[0].y;
  }
}
