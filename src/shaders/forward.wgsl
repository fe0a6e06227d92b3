// Forward layer: z = h_prev·W + b, h = φ(z), with the layer's statistics in the epilogue.
// Overrides (matmul_*.wgsl): M = batch, N = K = width, LDA = LDB = LDC = padded width, A_CONTIG_K = true,
// B_CONTIG_K = false; activation overrides in activation.wgsl.
// Per workgroup, partials[8·wg ..]: count, mean z, M2 z, mean h, M2 h (Chan triples, reduce.wgsl); per unit
// j, flags[j] |= 1 if some example has φ′ ≠ 0 and |= 2 if some example has |φ′| ≥ 0.01 (not < 0.01, so NaN
// counts as neither dead nor saturated, as in the reference).

override LDC: u32;

@group(0) @binding(0) var<storage, read> matA: array<vec4<f32>>; // h_{l-1}, [batch, LDA]
@group(0) @binding(1) var<storage, read> matB: array<vec4<f32>>; // W_l, [width, LDB]
@group(0) @binding(2) var<storage, read> bias: array<vec4<f32>>; // b_l, [LDC] (zeros without bias)
@group(0) @binding(3) var<uniform> knob: vec4<f32>; // x: this layer's k (hybrid)
@group(0) @binding(4) var<storage, read_write> zOut: array<vec4<f32>>; // z_l, [batch, LDC]
@group(0) @binding(5) var<storage, read_write> hOut: array<vec4<f32>>; // h_l, [batch, LDC]
@group(0) @binding(6) var<storage, read_write> partials: array<f32>;
@group(0) @binding(7) var<storage, read_write> flags: array<atomic<u32>>;

var<workgroup> redZH: array<vec4<f32>, WG_N>;
var<workgroup> redM2H: array<f32, WG_N>;
var<workgroup> colFlags: array<atomic<u32>, TILE_N>;

@compute @workgroup_size(WG_X, WG_Y)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
  @builtin(local_invocation_index) t: u32,
) {
  if (t < TILE_N) {
    atomicStore(&colFlags[t], 0u);
  }
  // Every invocation ORs into colFlags below: the clearing must be done first.
  workgroupBarrier();
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
  var zs: array<vec4<f32>, MM_ROWS>;
  var hs: array<vec4<f32>, MM_ROWS>;
  var count = 0.0;
  var sumZ = 0.0;
  var sumH = 0.0;
  var fl = vec4<u32>(0u);
  for (var i = 0u; i < MM_ROWS; i++) {
    let m = m0 + i;
    let z = select(vec4<f32>(0.0), acc[i] + b, cols);
    let h = select(vec4<f32>(0.0), phi4(z, k), cols);
    zs[i] = z;
    hs[i] = h;
    if (m < M) {
      if (n0 < LDC) {
        zOut[(m * LDC + n0) / 4u] = z;
        hOut[(m * LDC + n0) / 4u] = h;
      }
      let d = dphi4(z, k);
      let one = select(vec4<u32>(0u), vec4<u32>(1u), d != vec4<f32>(0.0));
      let two = select(vec4<u32>(0u), vec4<u32>(2u), !(abs(d) < vec4<f32>(0.01)));
      fl |= select(vec4<u32>(0u), one | two, cols);
      let valid = select(vec4<f32>(0.0), vec4<f32>(1.0), cols);
      count += dot(valid, vec4<f32>(1.0));
      sumZ += dot(z, vec4<f32>(1.0));
      sumH += dot(h, vec4<f32>(1.0));
    }
  }
  // Two passes over the thread's own values (in registers), then Chan across the workgroup.
  var mine = Moments(vec4<f32>(0.0), 0.0);
  if (count > 0.0) {
    let mz = sumZ / count;
    let mh = sumH / count;
    var m2z = 0.0;
    var m2h = 0.0;
    for (var i = 0u; i < MM_ROWS; i++) {
      if (m0 + i < M) {
        let dz = select(vec4<f32>(0.0), zs[i] - vec4<f32>(mz), cols);
        let dh = select(vec4<f32>(0.0), hs[i] - vec4<f32>(mh), cols);
        m2z += dot(dz, dz);
        m2h += dot(dh, dh);
      }
    }
    mine = Moments(vec4<f32>(count, mz, m2z, mh), m2h);
  }
  redZH[t] = mine.zh;
  redM2H[t] = mine.m2h;
  for (var j = 0u; j < 4u; j++) {
    if (fl[j] != 0u) {
      atomicOr(&colFlags[n0 - wid.x * TILE_N + j], fl[j]);
    }
  }
  for (var s = WG_N / 2u; s > 0u; s >>= 1u) {
    workgroupBarrier();
    if (t < s) {
      let r = chanMoments(Moments(redZH[t], redM2H[t]), Moments(redZH[t + s], redM2H[t + s]));
      redZH[t] = r.zh;
      redM2H[t] = r.m2h;
    }
  }
  workgroupBarrier();
  if (t == 0u) {
    let p = (wid.y * nwg.x + wid.x) * 8u;
    partials[p] = redZH[0].x;
    partials[p + 1u] = redZH[0].y;
    partials[p + 2u] = redZH[0].z;
    partials[p + 3u] = redZH[0].w;
    partials[p + 4u] = redM2H[0];
  }
  let unit = wid.x * TILE_N + t;
  if (t < TILE_N && unit < N) {
    let f = atomicLoad(&colFlags[t]);
    if (f != 0u) {
      atomicOr(&flags[unit], f);
    }
  }
}
