// The forward pass's statistics epilogue, shared by forward.wgsl (one run) and sweep_forward.wgsl (a sweep
// group), joined after activation.wgsl, the matmul core and reduce.wgsl (src/gpu/kernels/forward.ts,
// src/gpu/sweep/kernels.ts). It owns its workgroup scratch (redZH, redM2H, colFlags, below); the including
// module declares the bindings `partials: array<f32>` (8 floats per workgroup) and
// `flags: array<atomic<u32>>` (dead/saturated bits per unit, forward.wgsl).

var<workgroup> redZH: array<vec4<f32>, WG_N>;
var<workgroup> redM2H: array<f32, WG_N>;
var<workgroup> colFlags: array<atomic<u32>, TILE_N>;

// One row's share of the epilogue: count, Σdz, Σdz², Σdh in `sums`, Σdh² in `sumHH` (d = value − shift),
// and the dead/saturated bits of its 4 columns.
struct FwdRows {
  sums: vec4<f32>,
  sumHH: f32,
  flags: vec4<u32>,
}

fn addRows(a: FwdRows, b: FwdRows) -> FwdRows {
  return FwdRows(a.sums + b.sums, a.sumHH + b.sumHH, a.flags | b.flags);
}

// A row's sums and flags from its stored z and h (0 outside `cols`): bit 1 where φ′ ≠ 0, bit 2 where
// |φ′| ≥ 0.01 (not < 0.01, so NaN counts as neither dead nor saturated, as in the reference).
fn rowStats(z: vec4<f32>, h: vec4<f32>, cols: vec4<bool>, k: f32, shift: vec2<f32>) -> FwdRows {
  let d = dphi4(z, k);
  let one = select(vec4<u32>(0u), vec4<u32>(1u), d != vec4<f32>(0.0));
  let two = select(vec4<u32>(0u), vec4<u32>(2u), !(abs(d) < vec4<f32>(0.01)));
  let valid = select(vec4<f32>(0.0), vec4<f32>(1.0), cols);
  let dz = (z - shift.x) * valid;
  let dh = (h - shift.y) * valid;
  let sums = vec4<f32>(dot(valid, vec4<f32>(1.0)), dot(dz, vec4<f32>(1.0)), dot(dz, dz), dot(dh, vec4<f32>(1.0)));
  return FwdRows(sums, dot(dh, dh), select(vec4<u32>(0u), one | two, cols));
}

// Clears the workgroup's column flags. Every invocation ORs into colFlags in statsEpilogue: the clearing must be
// done first, so this runs before the product (in uniform control flow: it has a barrier).
fn clearColFlags(t: u32) {
  if (t < TILE_N) {
    atomicStore(&colFlags[t], 0u);
  }
  workgroupBarrier();
}

// The epilogue proper, after the rows' sums `r` (relative to `shift`): per-thread Moments, the column flags
// gathered in colFlags, the workgroup's Chan reduction written to partials[8·(wid.y·nwg.x + wid.x) ..], and
// the tile's column flags ORed into flags[flagBase + unit] (flagBase: where this layer's flags start, 0 for
// one run). Called in uniform control flow (barriers).
fn statsEpilogue(r: FwdRows, shift: vec2<f32>, wid: vec3<u32>, nwg: vec3<u32>, t: u32, n0: u32, flagBase: u32) {
  var mine = Moments(vec4<f32>(0.0), 0.0);
  let count = r.sums.x;
  if (count > 0.0) {
    let dz = r.sums.y / count;
    let dh = r.sums.w / count;
    mine = Moments(
      vec4<f32>(count, shift.x + dz, max(r.sums.z - dz * r.sums.y, 0.0), shift.y + dh),
      max(r.sumHH - dh * r.sums.w, 0.0),
    );
  }
  let fl = r.flags;
  redZH[t] = mine.zh;
  redM2H[t] = mine.m2h;
  let col = n0 - wid.x * TILE_N;
  if (fl.x != 0u) {
    atomicOr(&colFlags[col], fl.x);
  }
  if (fl.y != 0u) {
    atomicOr(&colFlags[col + 1u], fl.y);
  }
  if (fl.z != 0u) {
    atomicOr(&colFlags[col + 2u], fl.z);
  }
  if (fl.w != 0u) {
    atomicOr(&colFlags[col + 3u], fl.w);
  }
  for (var s = WG_N / 2u; s > 0u; s >>= 1u) {
    workgroupBarrier();
    if (t < s) {
      let q = chanMoments(Moments(redZH[t], redM2H[t]), Moments(redZH[t + s], redM2H[t + s]));
      redZH[t] = q.zh;
      redM2H[t] = q.m2h;
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
      atomicOr(&flags[flagBase + unit], f);
    }
  }
}
