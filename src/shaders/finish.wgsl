// Finishes the statistics of a step from the partials of forward, backward, loss and weightgrad: workgroup
// li < LAYERS reduces layer li + 1, workgroup LAYERS the loss. In a training step (params.y = 1) of the
// HYBRID it also applies the knob's projected SGD update, k ← clamp(k − lr·∂k, 0, 1) with lr = params.x:
// this pass runs after every use of k in the step.
//
// partials: per layer a section of SEC floats: forward [NF × 8] at 0, backward [NB × 2] at OFF_B,
// weightgrad [NW] at OFF_W; loss [NL × 4] at OFF_LOSS (after the LAYERS sections). Layer LAYERS's Σg² and
// Σg·∂φ/∂k come from the loss partials (backward writes the layer below the one it multiplies by), or, with a
// READOUT (data sets), from its own backward part, written by the backward pass through the read-out.
// flags: per layer FSTRIDE u32 (bits of forward.wgsl). knobs: k of layer li at knobs[li·KSTRIDE].
// stats[16·li ..]: preMean, preVar, postMean, postVar, dead, saturated, gradNorm, weightGradNorm, knob (the
// k of this pass), knobGrad; stats[16·LAYERS]: loss.

override LAYERS: u32;
override COLS: u32;
override NF: u32;
override NB: u32;
override NW: u32;
override NL: u32;
override SEC: u32;
override OFF_B: u32;
override OFF_W: u32;
override OFF_LOSS: u32;
override FSTRIDE: u32;
override KSTRIDE: u32;
override HYBRID: bool;
override READOUT: bool = false;

@group(0) @binding(0) var<storage, read> partials: array<f32>;
@group(0) @binding(1) var<storage, read> flags: array<u32>;
@group(0) @binding(2) var<storage, read_write> knobs: array<f32>;
@group(0) @binding(3) var<storage, read_write> stats: array<f32>;
@group(0) @binding(4) var<uniform> params: vec4<f32>; // x: learning rate, y: 1 in a training step

// Threads per workgroup: few, as the work is small and on CPU adapters every barrier of a big workgroup
// costs more than the sums (the 100 layers of a depth-100 net: 160 ms → 4 ms on SwiftShader, 256 → 32).
const WG: u32 = 32u;

var<workgroup> redZH: array<vec4<f32>, WG>;
var<workgroup> redM2H: array<f32, WG>;
var<workgroup> redSums: array<vec4<f32>, WG>; // Σg², Σg·∂φ/∂k, Σ(∂W)², dead
var<workgroup> redSat: array<f32, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let li = wid.x;
  if (li == LAYERS) {
    var loss = 0.0;
    for (var p = t; p < NL; p += WG) {
      loss += partials[OFF_LOSS + p * 4u];
    }
    redSat[t] = loss;
    for (var s = WG / 2u; s > 0u; s >>= 1u) {
      workgroupBarrier();
      if (t < s) {
        redSat[t] += redSat[t + s];
      }
    }
    if (t == 0u) {
      stats[16u * LAYERS] = redSat[0];
    }
    return;
  }
  let sec = li * SEC;
  var mom = Moments(vec4<f32>(0.0), 0.0);
  for (var p = t; p < NF; p += WG) {
    let q = sec + p * 8u;
    let other = Moments(
      vec4<f32>(partials[q], partials[q + 1u], partials[q + 2u], partials[q + 3u]),
      partials[q + 4u],
    );
    mom = chanMoments(mom, other);
  }
  var sums = vec4<f32>(0.0);
  if (li + 1u == LAYERS && !READOUT) {
    for (var p = t; p < NL; p += WG) {
      sums += vec4<f32>(partials[OFF_LOSS + p * 4u + 1u], partials[OFF_LOSS + p * 4u + 2u], 0.0, 0.0);
    }
  } else {
    for (var p = t; p < NB; p += WG) {
      sums += vec4<f32>(partials[sec + OFF_B + p * 2u], partials[sec + OFF_B + p * 2u + 1u], 0.0, 0.0);
    }
  }
  for (var p = t; p < NW; p += WG) {
    sums.z += partials[sec + OFF_W + p];
  }
  var sat = 0.0;
  for (var j = t; j < COLS; j += WG) {
    let f = flags[li * FSTRIDE + j];
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
  if (t == 0u) {
    let n = max(redZH[0].x, 1.0);
    let o = 16u * li;
    let k = knobs[li * KSTRIDE];
    let kg = redSums[0].y;
    stats[o] = redZH[0].y;
    stats[o + 1u] = redZH[0].z / n;
    stats[o + 2u] = redZH[0].w;
    stats[o + 3u] = redM2H[0] / n;
    stats[o + 4u] = redSums[0].w;
    stats[o + 5u] = redSat[0];
    stats[o + 6u] = sqrt(redSums[0].x);
    stats[o + 7u] = sqrt(redSums[0].z);
    stats[o + 8u] = k;
    stats[o + 9u] = kg;
    if (HYBRID && params.y != 0.0) {
      knobs[li * KSTRIDE] = clamp(k - params.x * kg, 0.0, 1.0);
    }
  }
}
