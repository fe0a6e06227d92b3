// Batched backward through layer l of a sweep group (src/gpu/sweep/), every cell at once:
//   g = s_c·(δ_l·Ẑ_lᵀ) (= ∂loss/∂h_{l-1}, as W_l = s_c·Ẑ_l),  δ_{l-1} = g ⊙ φ′_c(z_{l-1}),
// one [C·BP, width]×[width, width]ᵀ product; the epilogue of backward.wgsl with the cell's scale and φ.
// Overrides (matmul_*.wgsl): M = SWEEP_ROWS (as in sweep_forward.wgsl), N = K = width, LDA = LDB = LDC = padded width, A_CONTIG_K = true,
// B_CONTIG_K = true (row i of Ẑ_l is column i of Ẑ_lᵀ). BP: rows per cell (sweep_forward.wgsl). A cell's
// padding rows of δ_l are 0, so their g and δ_{l-1} are 0.
// Per workgroup, partials[2·wg ..]: Σg², Σ g·∂φ/∂k(z_{l-1}) over its tile (one cell's: layer l−1's gradNorm²
// and knobGrad parts).

override LDC: u32;
override BP: u32;

@group(0) @binding(0) var<storage, read> matA: array<vec4<f32>>; // δ_l, [C·BP, LDA]
@group(0) @binding(1) var<storage, read> matB: array<vec4<f32>>; // Ẑ_l (unit draw), [width, LDB]
@group(0) @binding(2) var<storage, read> zPrev: array<vec4<f32>>; // z_{l-1}, [C·BP, LDC]
@group(0) @binding(3) var<storage, read> cells: array<Cell>; // [C]
@group(0) @binding(4) var<storage, read_write> deltaOut: array<vec4<f32>>; // δ_{l-1}, [C·BP, LDC]
@group(0) @binding(5) var<storage, read_write> partials: array<f32>; // [workgroups·2]

// backRow (a row's δ_{l-1} and sums, here of g = s_c·a), the workgroup scratch and backPartials:
// backward_epilogue.wgsl, shared with backward.wgsl.

@compute @workgroup_size(WG_X, WG_Y)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
  @builtin(local_invocation_index) t: u32,
) {
  let acc = mmTile(wid.xy, lid.xy, t);
  let o = mmBlock(wid.xy, lid.xy);
  let m0 = o.x;
  let n0 = o.y;
  let cols = lanesBelow(n0, N);
  let p = cells[(wid.y * TILE_M) / BP];
  useCell(p);
  let s = p.scale;
  let k = p.knob;
  // Rows unrolled with constant indices into acc (see backward.wgsl; MM_ROWS is 4 or 8).
  var sums = backRow(m0, n0, s * acc[0], cols, k) + backRow(m0 + 1u, n0, s * acc[1], cols, k);
  sums += backRow(m0 + 2u, n0, s * acc[2], cols, k) + backRow(m0 + 3u, n0, s * acc[3], cols, k);
  if (MM_ROWS > 4u) {
    sums += backRow(m0 + 4u, n0, s * acc[min(4u, MM_ROWS - 1u)], cols, k);
    sums += backRow(m0 + 5u, n0, s * acc[min(5u, MM_ROWS - 1u)], cols, k);
    sums += backRow(m0 + 6u, n0, s * acc[min(6u, MM_ROWS - 1u)], cols, k);
    sums += backRow(m0 + 7u, n0, s * acc[min(7u, MM_ROWS - 1u)], cols, k);
  }
  backPartials(sums, t, wid.y * nwg.x + wid.x);
}
