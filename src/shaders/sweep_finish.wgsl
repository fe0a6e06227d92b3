// Finishes a sweep chunk's statistics (src/gpu/sweep/): workgroup (li, c) reduces hidden layer li + 1 of cell
// c from the partials of sweep_forward, sweep_backward, sweep_loss and (WEIGHTS) weightgrad, as finish.wgsl
// does for one run; workgroup (LAYERS, c) sums cell c's loss. No update: the cells are untrained.
//
// A cell's tiles are consecutive: in a layer's forward and backward grids, cell c owns workgroups
// [c·TILES, (c + 1)·TILES) (its BP/TILE_M rows of tiles, every column of tiles).
// fwd:   [LAYERS][FSEC] f32, layer li's forward partials at li·FSEC (8 per workgroup).
// bwd:   [LAYERS][BSEC] f32, layer li's backward partials (2 per workgroup: Σg², Σg·∂φ/∂k), written by the
//        backward pass through layer li + 2 (1-based); the top layer's come from the loss partials.
// loss:  [C][NL][4] f32 (sweep_loss.wgsl).
// wgrad: [LAYERS][CAP][WSEC] f32, Σ(∂W)² partials of layer li, cell c at (li·CAP + c)·WSEC, NW of them
//        (weightgrad.wgsl run per cell); unread unless WEIGHTS.
// flags: [LAYERS][CAP][FSTRIDE] u32 (bits of sweep_forward.wgsl).
// CAP (the chunk's capacity in cells), FSEC and BSEC grow with the capacity: they come from `dims`, not
// overrides, so one pipeline serves every group size.
// stats[16·(c·(LAYERS + 1) + li) ..]: preMean, preVar, postMean, postVar, dead, saturated, gradNorm,
// weightGradNorm, knob, knobGrad (the layout of finish.wgsl, kernels/finish.ts STAT); the loss at li = LAYERS.
// Without GRADS (forward statistics only) gradNorm and knobGrad are written as 0 and the decoder reports
// NaN; without WEIGHTS, weightGradNorm likewise.

override LAYERS: u32;
override COLS: u32;
override TILES: u32;
override NL: u32;
override NW: u32;
override WSEC: u32;
override FSTRIDE: u32;
override GRADS: bool;
override WEIGHTS: bool;

@group(0) @binding(0) var<storage, read> fwd: array<f32>;
@group(0) @binding(1) var<storage, read> bwd: array<f32>;
@group(0) @binding(2) var<storage, read> loss: array<f32>;
@group(0) @binding(3) var<storage, read> wgrad: array<f32>;
@group(0) @binding(4) var<storage, read> flags: array<u32>;
@group(0) @binding(5) var<storage, read> cells: array<Cell>; // [C]
@group(0) @binding(6) var<storage, read_write> stats: array<f32>; // [C][LAYERS + 1][16]
@group(0) @binding(7) var<uniform> dims: vec4<u32>; // x: CAP, y: FSEC, z: BSEC (floats)

const WG: u32 = 32u;

// The workgroup scratch, finishLoss, reduceLayer and writeLayerStats: finish_common.wgsl, shared with
// finish.wgsl.

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let li = wid.x;
  let c = wid.y;
  let CAP = dims.x;
  let FSEC = dims.y;
  let BSEC = dims.z;
  let record = 16u * (c * (LAYERS + 1u) + li);
  if (li == LAYERS) {
    var total = 0.0;
    for (var p = t; p < NL; p += WG) {
      total += loss[(c * NL + p) * 4u];
    }
    finishLoss(t, total, record);
    return;
  }
  var mom = Moments(vec4<f32>(0.0), 0.0);
  for (var p = t; p < TILES; p += WG) {
    let q = li * FSEC + (c * TILES + p) * 8u;
    mom = chanMoments(mom, Moments(vec4<f32>(fwd[q], fwd[q + 1u], fwd[q + 2u], fwd[q + 3u]), fwd[q + 4u]));
  }
  var sums = vec4<f32>(0.0);
  if (GRADS) {
    if (li + 1u == LAYERS) {
      for (var p = t; p < NL; p += WG) {
        let q = (c * NL + p) * 4u;
        sums += vec4<f32>(loss[q + 1u], loss[q + 2u], 0.0, 0.0);
      }
    } else {
      for (var p = t; p < TILES; p += WG) {
        let q = li * BSEC + (c * TILES + p) * 2u;
        sums += vec4<f32>(bwd[q], bwd[q + 1u], 0.0, 0.0);
      }
    }
  }
  if (WEIGHTS) {
    for (var p = t; p < NW; p += WG) {
      sums.z += wgrad[(li * CAP + c) * WSEC + p];
    }
  }
  reduceLayer(t, mom, sums, (li * CAP + c) * FSTRIDE);
  if (t == 0u) {
    writeLayerStats(record, cells[c].knob);
  }
}
