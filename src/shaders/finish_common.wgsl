// The reductions of the statistics pass, shared by finish.wgsl (one run) and sweep_finish.wgsl (a sweep group),
// joined after reduce.wgsl (src/gpu/kernels/finish.ts, src/gpu/sweep/kernels.ts). It owns its workgroup
// scratch (below); the including module declares `const WG: u32` (threads per workgroup),
// `override COLS: u32` (units per layer) and the bindings `flags: array<u32>` (forward.wgsl's bits) and
// `stats: array<f32>` (finish.wgsl's 16-float records).

var<workgroup> redZH: array<vec4<f32>, WG>;
var<workgroup> redM2H: array<f32, WG>;
var<workgroup> redSums: array<vec4<f32>, WG>; // Σg², Σg·∂φ/∂k, Σ(∂W)², dead
var<workgroup> redSat: array<f32, WG>;

// The loss workgroup: the sum of every invocation's `part` into stats[at]. Called in uniform control flow.
fn finishLoss(t: u32, part: f32, at: u32) {
  redSat[t] = part;
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    workgroupBarrier();
    if (t < s) {
      redSat[t] += redSat[t + s];
    }
  }
  if (t == 0u) {
    stats[at] = redSat[0];
  }
}

// A layer's workgroup: adds this invocation's dead and saturated units (flags[flagBase + j] without bit 1,
// without bit 2) to its `sums` (Σg², Σg·∂φ/∂k, Σ(∂W)², dead), then reduces the moments and sums of every
// invocation into redZH[0], redM2H[0], redSums[0] and redSat[0] (saturated), for invocation 0 to read.
// Called in uniform control flow (barriers).
fn reduceLayer(t: u32, mom: Moments, sumsIn: vec4<f32>, flagBase: u32) {
  var sums = sumsIn;
  var sat = 0.0;
  for (var j = t; j < COLS; j += WG) {
    let f = flags[flagBase + j];
    sums.w += select(0.0, 1.0, (f & 1u) == 0u);
    sat += select(0.0, 1.0, (f & 2u) == 0u);
  }
  redZH[t] = mom.zh;
  redM2H[t] = mom.m2h;
  redSums[t] = sums;
  redSat[t] = sat;
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    workgroupBarrier();
    if (t < s) {
      let r = chanMoments(Moments(redZH[t], redM2H[t]), Moments(redZH[t + s], redM2H[t + s]));
      redZH[t] = r.zh;
      redM2H[t] = r.m2h;
      redSums[t] += redSums[t + s];
      redSat[t] += redSat[t + s];
    }
  }
}

// Invocation 0, after reduceLayer: the layer's record stats[o ..]: preMean, preVar, postMean, postVar, dead,
// saturated, gradNorm, weightGradNorm, knob (`k`), knobGrad.
fn writeLayerStats(o: u32, k: f32) {
  let n = max(redZH[0].x, 1.0);
  stats[o] = redZH[0].y;
  stats[o + 1u] = redZH[0].z / n;
  stats[o + 2u] = redZH[0].w;
  stats[o + 3u] = redM2H[0] / n;
  stats[o + 4u] = redSums[0].w;
  stats[o + 5u] = redSat[0];
  stats[o + 6u] = sqrt(redSums[0].x);
  stats[o + 7u] = sqrt(redSums[0].z);
  stats[o + 8u] = k;
  stats[o + 9u] = redSums[0].y;
}
