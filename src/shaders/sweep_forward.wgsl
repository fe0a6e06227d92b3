// Batched forward layer of a sweep group (src/gpu/sweep/): for every cell c at once,
//   z = s_c·(h_{l-1}·Ẑ_l) + σ_b,c·b̂_l,  h = φ_c(z),
// one [C·BP, width]×[width, width] product, with each cell's statistics in the epilogue as forward.wgsl
// computes them for one run (the same Chan partials and dead/saturated bits, the same φ).
// Overrides (matmul_*.wgsl): M = SWEEP_ROWS (kernels.ts: any bound above the rows dispatched, so one pipeline
// serves every chunk; no workgroup is dispatched past a chunk's C·BP rows), N = K = width, LDA = LDB = LDC = padded width, A_CONTIG_K = true, B_CONTIG_K = false.
// BP: rows per cell, a multiple of TILE_M, so every workgroup's rows belong to one cell; ROWS: the batch (a
// cell's real rows; z and h of its padding rows are stored as 0). FSTRIDE: u32 per cell in `flags`.
// Per workgroup, partials[8·wg ..]: count, mean z, M2 z, mean h, M2 h over its tile (one cell's).

override LDC: u32;
override BP: u32;
override ROWS: u32;
override FSTRIDE: u32;

@group(0) @binding(0) var<storage, read> matA: array<vec4<f32>>; // h_{l-1}, [C·BP, LDA]
@group(0) @binding(1) var<storage, read> matB: array<vec4<f32>>; // Ẑ_l (unit draw), [width, LDB]
@group(0) @binding(2) var<storage, read> bias: array<vec4<f32>>; // b̂_l (unit draw), [LDC]
@group(0) @binding(3) var<storage, read> cells: array<Cell>; // [C]
@group(0) @binding(4) var<storage, read_write> zOut: array<vec4<f32>>; // z_l, [C·BP, LDC]
@group(0) @binding(5) var<storage, read_write> hOut: array<vec4<f32>>; // h_l, [C·BP, LDC]
@group(0) @binding(6) var<storage, read_write> partials: array<f32>; // [workgroups·8], wg = wid.y·nwg.x + wid.x
@group(0) @binding(7) var<storage, read_write> flags: array<atomic<u32>>; // this layer's [C, FSTRIDE]

// The epilogue's row sums (FwdRows, rowStats), its workgroup scratch and statsEpilogue: stats_epilogue.wgsl,
// shared with forward.wgsl.

// Row m of the block (columns n0 …, of which `cols` exist): stores z and h (0 in padding rows), returns its
// sums and flags (none for padding rows). `cell.x` = s_c, `cell.y` = σ_b,c.
fn fwdRow(m: u32, n0: u32, a: vec4<f32>, b: vec4<f32>, cols: vec4<bool>, cell: vec2<f32>, k: f32,
    shift: vec2<f32>) -> FwdRows {
  let none = FwdRows(vec4<f32>(0.0), 0.0, vec4<u32>(0u));
  if (m >= M) {
    return none;
  }
  let real = m % BP < ROWS;
  let mask = cols & vec4<bool>(real);
  let z = select(vec4<f32>(0.0), cell.x * a + cell.y * b, mask);
  let h = select(vec4<f32>(0.0), phi4(z, k), mask);
  if (n0 < LDC) {
    zOut[(m * LDC + n0) / 4u] = z;
    hOut[(m * LDC + n0) / 4u] = h;
  }
  if (!real) {
    return none;
  }
  return rowStats(z, h, cols, k, shift);
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
  @builtin(local_invocation_index) t: u32,
) {
  clearColFlags(t);
  let acc = mmTile(wid.xy, lid.xy, t);
  let o = mmBlock(wid.xy, lid.xy);
  let m0 = o.x;
  let n0 = o.y;
  let cols = lanesBelow(n0, N);
  // The workgroup's cell (its first row's: BP is a multiple of TILE_M).
  let c = (wid.y * TILE_M) / BP;
  let p = cells[c];
  useCell(p);
  let cell = vec2<f32>(p.scale, p.sb);
  let k = p.knob;
  var b = vec4<f32>(0.0);
  if (n0 < LDC) {
    b = bias[n0 / 4u];
  }
  // Rows unrolled with constant indices into acc (see forward.wgsl; MM_ROWS is 4 or 8). Sums relative to a
  // value of the block, as there.
  let cz = cell.x * acc[0].x + cell.y * b.x;
  let shift = vec2<f32>(cz, phi(cz, k));
  var r = fwdRow(m0, n0, acc[0], b, cols, cell, k, shift);
  r = addRows(r, fwdRow(m0 + 1u, n0, acc[1], b, cols, cell, k, shift));
  r = addRows(r, fwdRow(m0 + 2u, n0, acc[2], b, cols, cell, k, shift));
  r = addRows(r, fwdRow(m0 + 3u, n0, acc[3], b, cols, cell, k, shift));
  if (MM_ROWS > 4u) {
    r = addRows(r, fwdRow(m0 + 4u, n0, acc[min(4u, MM_ROWS - 1u)], b, cols, cell, k, shift));
    r = addRows(r, fwdRow(m0 + 5u, n0, acc[min(5u, MM_ROWS - 1u)], b, cols, cell, k, shift));
    r = addRows(r, fwdRow(m0 + 6u, n0, acc[min(6u, MM_ROWS - 1u)], b, cols, cell, k, shift));
    r = addRows(r, fwdRow(m0 + 7u, n0, acc[min(7u, MM_ROWS - 1u)], b, cols, cell, k, shift));
  }
  statsEpilogue(r, shift, wid, nwg, t, n0, c * FSTRIDE);
}
