// What every matmul core (matmul_tiled, matmul_direct, matmul_subgroup) shares; kernels/kernel.ts puts it in
// front of the core. Each core defines the layout constants WG_X × WG_Y (workgroup), MM_ROWS (rows of C per
// invocation, 4 columns each), TILE_M × TILE_N (C per workgroup), and mmTile.
//
// Logical A is [M, K], B is [K, N]. Storage (row-major, leading dimensions in floats, multiples of 4, the
// padding beyond the logical size all zeros so whole vec4 loads are safe):
//   A_CONTIG_K: A stored as [M, LDA] (contiguous along k); else Aᵀ stored as [K, LDA] (contiguous along m).
//   B_CONTIG_K: Bᵀ stored as [N, LDB] (contiguous along k); else B stored as [K, LDB] (contiguous along n).

override M: u32;
override N: u32;
override K: u32;
override LDA: u32;
override LDB: u32;
override A_CONTIG_K: bool;
override B_CONTIG_K: bool;

// Row and column of the first element of this invocation's block of C.
fn mmBlock(wid: vec2<u32>, lid: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(wid.y * TILE_M + lid.y * MM_ROWS, wid.x * TILE_N + lid.x * 4u);
}
