// φ, φ′ and ∂φ/∂k of every activation, selected by `override ACT` (ACTIVATION_CODE in
// src/engine/activations.ts: 0 relu, 1 leaky, 2 elu, 3 selu, 4 silu, 5 hybrid). Same formulas as there:
// φ′ at z = 0 takes the left branch; the ELU family's φ′ is α·e^z itself (never φ + α), so "dead" means a
// derivative that is truly 0. `k` is the hybrid's per-layer knob (ignored by the other kinds).

override ACT: u32;
override ALPHA: f32;
override LAMBDA: f32;
override SLOPE: f32;

// e^z − 1 without the cancellation of exp(z) − 1 near 0: Taylor to z⁸/8! for |z| < 1/2 (relative error
// below 1e-8 there), exp(z) − 1 elsewhere (no cancellation once |e^z − 1| > 0.39).
fn expm1f(z: f32) -> f32 {
  if (abs(z) < 0.5) {
    return z * (1.0 + z * (0.5 + z * (1.0 / 6.0 + z * (1.0 / 24.0 + z * (1.0 / 120.0
      + z * (1.0 / 720.0 + z * (1.0 / 5040.0 + z * (1.0 / 40320.0))))))));
  }
  return exp(z) - 1.0;
}

fn sigmoidf(z: f32) -> f32 {
  if (z >= 0.0) {
    return 1.0 / (1.0 + exp(-z));
  }
  let e = exp(z);
  return e / (1.0 + e);
}

fn phi(z: f32, k: f32) -> f32 {
  switch ACT {
    case 0u: { if (z > 0.0) { return z; } return 0.0; }
    case 1u: { if (z > 0.0) { return z; } return SLOPE * z; }
    case 2u: { if (z > 0.0) { return z; } return ALPHA * expm1f(z); }
    case 3u: { if (z > 0.0) { return LAMBDA * z; } return LAMBDA * (ALPHA * expm1f(z)); }
    case 4u: { return z * sigmoidf(z); }
    default: { if (z > 0.0) { return z; } return k * (ALPHA * expm1f(z)); }
  }
}

fn dphi(z: f32, k: f32) -> f32 {
  switch ACT {
    case 0u: { if (z > 0.0) { return 1.0; } return 0.0; }
    case 1u: { if (z > 0.0) { return 1.0; } return SLOPE; }
    case 2u: { if (z > 0.0) { return 1.0; } return ALPHA * exp(z); }
    case 3u: { if (z > 0.0) { return LAMBDA; } return LAMBDA * (ALPHA * exp(z)); }
    case 4u: { let s = sigmoidf(z); return s * (1.0 + z * (1.0 - s)); }
    default: { if (z > 0.0) { return 1.0; } return k * (ALPHA * exp(z)); }
  }
}

// ∂φ/∂k = ELU_α(z) − ReLU(z) for the hybrid, 0 for every other kind.
fn dphiDknob(z: f32) -> f32 {
  if (ACT != 5u || z > 0.0) {
    return 0.0;
  }
  return ALPHA * expm1f(z);
}

fn phi4(z: vec4<f32>, k: f32) -> vec4<f32> {
  return vec4<f32>(phi(z.x, k), phi(z.y, k), phi(z.z, k), phi(z.w, k));
}

fn dphi4(z: vec4<f32>, k: f32) -> vec4<f32> {
  return vec4<f32>(dphi(z.x, k), dphi(z.y, k), dphi(z.z, k), dphi(z.w, k));
}

fn dphiDknob4(z: vec4<f32>) -> vec4<f32> {
  return vec4<f32>(dphiDknob(z.x), dphiDknob(z.y), dphiDknob(z.z), dphiDknob(z.w));
}
