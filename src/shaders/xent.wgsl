// Loss of a data-set network's linear read-out and its gradient δ_out = ∂loss/∂out (the read-out has no
// activation, so δ = g). LOSS 2 (xent, the data sets' default): softmax cross-entropy
// −(1/ROWS)·Σ_r log softmax(out_r)·y_r, δ = (softmax(out) − y)/ROWS, each row shifted by its maximum; LOSS 0
// (mse): (1/(2·ROWS))·Σ(out − y)², δ = (out − y)/ROWS; LOSS 1 (probe): (1/ROWS)·Σ out·y, δ = y/ROWS. y holds
// the minibatch's one-hot labels. One thread per row (CLASSES ≤ 10 floats); padding columns of δ_out are left
// as they are (zero).
// Per workgroup, partials[4·wg ..]: loss part, then 0, 0 (the layout of loss.wgsl's partials, which finish.wgsl
// reads the loss from; the read-out's gradient norm is not a statistic).

override ROWS: u32;
override CLASSES: u32;
override LD: u32;
override LOSS: u32;

@group(0) @binding(0) var<storage, read> outv: array<f32>; // out (logits), [ROWS, LD]
@group(0) @binding(1) var<storage, read> y: array<f32>; // one-hot targets, [ROWS, LD]
@group(0) @binding(2) var<storage, read_write> deltaOut: array<f32>; // δ_out, [ROWS, LD]
@group(0) @binding(3) var<storage, read_write> partials: array<f32>;

// Threads (rows) per workgroup: few, as on CPU adapters each barrier of a big workgroup costs more than the
// arithmetic (see loss.wgsl). kernels/xent.ts has the same number.
const WG: u32 = 32u;

var<workgroup> red: array<f32, WG>;

// Row r's loss part (already divided by ROWS); writes its δ_out.
fn rowLoss(r: u32) -> f32 {
  let o = r * LD;
  let rows = f32(ROWS);
  var part = 0.0;
  if (LOSS == 2u) {
    var top = outv[o];
    for (var c = 1u; c < CLASSES; c++) {
      top = max(top, outv[o + c]);
    }
    var sum = 0.0;
    for (var c = 0u; c < CLASSES; c++) {
      sum += exp(outv[o + c] - top);
    }
    let logSum = log(sum) + top;
    for (var c = 0u; c < CLASSES; c++) {
      let v = outv[o + c];
      let yv = y[o + c];
      deltaOut[o + c] = (exp(v - logSum) - yv) / rows;
      part -= yv * (v - logSum);
    }
  } else {
    for (var c = 0u; c < CLASSES; c++) {
      let v = outv[o + c];
      let yv = y[o + c];
      if (LOSS == 1u) {
        deltaOut[o + c] = yv / rows;
        part += v * yv;
      } else {
        let d = v - yv;
        deltaOut[o + c] = d / rows;
        part += 0.5 * d * d;
      }
    }
  }
  return part / rows;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let r = wid.x * WG + t;
  var part = 0.0;
  if (r < ROWS) {
    part = rowLoss(r);
  }
  red[t] = part;
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    workgroupBarrier();
    if (t < s) {
      red[t] += red[t + s];
    }
  }
  if (t == 0u) {
    let p = wid.x * 4u;
    partials[p] = red[0];
    partials[p + 1u] = 0.0;
    partials[p + 2u] = 0.0;
  }
}
