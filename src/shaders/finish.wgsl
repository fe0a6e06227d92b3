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

// The workgroup scratch, finishLoss, reduceLayer and writeLayerStats: finish_common.wgsl.

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let li = wid.x;
  if (li == LAYERS) {
    var loss = 0.0;
    for (var p = t; p < NL; p += WG) {
      loss += partials[OFF_LOSS + p * 4u];
    }
    finishLoss(t, loss, 16u * LAYERS);
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
  reduceLayer(t, mom, sums, li * FSTRIDE);
  if (t == 0u) {
    let o = 16u * li;
    let k = knobs[li * KSTRIDE];
    let kg = redSums[0].y;
    writeLayerStats(o, k);
    if (HYBRID && params.y != 0.0) {
      knobs[li * KSTRIDE] = clamp(k - params.x * kg, 0.0, 1.0);
    }
  }
}
