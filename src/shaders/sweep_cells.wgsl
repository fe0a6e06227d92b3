// A sweep cell's parameters (src/gpu/sweep/kernels.ts CELL_FLOATS = 8 floats, in this order), shared by the
// batched kernels (sweep_*.wgsl). A batched group runs C cells as one network of C·BP rows: rows
// [c·BP, c·BP + batch) belong to cell c, the rest of its BP rows are zero padding (BP is the batch rounded up
// to the matmul tile, so no workgroup's tile spans two cells). The cells share the unit draws Ẑ_l, b̂_l of
// their seed (src/engine/init.ts) and differ in these scales and activation parameters.
//
// activation.wgsl is assembled in front of this with ALPHA, LAMBDA and SLOPE turned from overrides into
// per-invocation variables (kernels.ts): useCell sets them, so φ, φ′ and ∂φ/∂k are the very formulas of the
// single-run kernels. ACT stays an override (a group has one activation).

struct Cell {
  // s_c: W_l = s_c·Ẑ_l (the scale init.ts applies to the unit draw, relative to the uploaded one).
  scale: f32,
  // σ_b: b_l = σ_b·b̂_l.
  sb: f32,
  alpha: f32,
  lambda: f32,
  slope: f32,
  // The hybrid's k (every layer starts at it; an untrained cell keeps it).
  knob: f32,
  pad0: f32,
  pad1: f32,
}

fn useCell(c: Cell) {
  ALPHA = c.alpha;
  LAMBDA = c.lambda;
  SLOPE = c.slope;
}
