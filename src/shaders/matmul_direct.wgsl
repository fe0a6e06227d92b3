// Direct register-blocked core of C = A·B shared by forward, backward and weightgrad (each declares the
// storage arrays `matA` and `matB` of vec4<f32> and calls mmTile): no workgroup memory and no barriers;
// each thread reads its 4 rows of A and 4 columns of B straight from storage as vec4s, relying on caches
// for reuse. Faster than the workgroup-tiled core on CPU adapters (SwiftShader), where workgroup memory is
// ordinary memory and every barrier is a coroutine switch.
//
// Same thread layout and storage conventions as matmul_tiled.wgsl: a workgroup of 16×16 threads computes a
// 64×64 tile of C, each thread the 4×4 block at rows m0 + 4·lid.y + i, columns n0 + 4·lid.x + j. Indices
// past the logical size are clamped, not branched on: rows of A or columns of B past M or N produce values
// that the epilogues never store, and k past K only ever meets the zero padding of the other operand.

const TILE: u32 = 64u;
// The layout every core exports to the kernels: workgroup WG_X × WG_Y, each invocation an MM_ROWS × 4 block.
const WG_X: u32 = 16u;
const WG_Y: u32 = 16u;
const WG_N: u32 = 256u;
const MM_ROWS: u32 = 4u;
const TILE_M: u32 = 64u;
const TILE_N: u32 = 64u;

fn mmTile(wid: vec2<u32>, lid: vec2<u32>, t: u32) -> array<vec4<f32>, MM_ROWS> {
  let m0 = wid.y * TILE + lid.y * 4u;
  let n0 = wid.x * TILE + lid.x * 4u;
  var acc: array<vec4<f32>, MM_ROWS>;
  if (A_CONTIG_K) {
    // A rows are contiguous along k: 4 k at a time, A padded with zeros from K to LDA.
    let r0 = min(m0, M - 1u) * LDA / 4u;
    let r1 = min(m0 + 1u, M - 1u) * LDA / 4u;
    let r2 = min(m0 + 2u, M - 1u) * LDA / 4u;
    let r3 = min(m0 + 3u, M - 1u) * LDA / 4u;
    let k4 = (K + 3u) / 4u;
    if (B_CONTIG_K) {
      let c0 = min(n0, N - 1u) * LDB / 4u;
      let c1 = min(n0 + 1u, N - 1u) * LDB / 4u;
      let c2 = min(n0 + 2u, N - 1u) * LDB / 4u;
      let c3 = min(n0 + 3u, N - 1u) * LDB / 4u;
      for (var k = 0u; k < k4; k++) {
        let b0 = matB[c0 + k];
        let b1 = matB[c1 + k];
        let b2 = matB[c2 + k];
        let b3 = matB[c3 + k];
        let a0 = matA[r0 + k];
        let a1 = matA[r1 + k];
        let a2 = matA[r2 + k];
        let a3 = matA[r3 + k];
        acc[0] += vec4<f32>(dot(a0, b0), dot(a0, b1), dot(a0, b2), dot(a0, b3));
        acc[1] += vec4<f32>(dot(a1, b0), dot(a1, b1), dot(a1, b2), dot(a1, b3));
        acc[2] += vec4<f32>(dot(a2, b0), dot(a2, b1), dot(a2, b2), dot(a2, b3));
        acc[3] += vec4<f32>(dot(a3, b0), dot(a3, b1), dot(a3, b2), dot(a3, b3));
      }
    } else {
      let nc = min(n0, LDB - 4u) / 4u;
      let ld4 = LDB / 4u;
      for (var k = 0u; k < k4; k++) {
        let a0 = matA[r0 + k];
        let a1 = matA[r1 + k];
        let a2 = matA[r2 + k];
        let a3 = matA[r3 + k];
        let kb = 4u * k;
        let b0 = matB[min(kb, K - 1u) * ld4 + nc];
        let b1 = matB[min(kb + 1u, K - 1u) * ld4 + nc];
        let b2 = matB[min(kb + 2u, K - 1u) * ld4 + nc];
        let b3 = matB[min(kb + 3u, K - 1u) * ld4 + nc];
        acc[0] += a0.x * b0 + a0.y * b1 + a0.z * b2 + a0.w * b3;
        acc[1] += a1.x * b0 + a1.y * b1 + a1.z * b2 + a1.w * b3;
        acc[2] += a2.x * b0 + a2.y * b1 + a2.z * b2 + a2.w * b3;
        acc[3] += a3.x * b0 + a3.y * b1 + a3.z * b2 + a3.w * b3;
      }
    }
  } else {
    // Aᵀ stored: one k at a time, A and B both contiguous along the output dimension.
    let mc = min(m0, LDA - 4u) / 4u;
    let nc = min(n0, LDB - 4u) / 4u;
    let lda4 = LDA / 4u;
    let ldb4 = LDB / 4u;
    for (var k = 0u; k < K; k++) {
      let a = matA[k * lda4 + mc];
      let b = matB[k * ldb4 + nc];
      acc[0] += a.x * b;
      acc[1] += a.y * b;
      acc[2] += a.z * b;
      acc[3] += a.w * b;
    }
  }
  return acc;
}

// Lanes j of the 4 columns starting at n that lie inside the logical width `n_`.
fn lanesBelow(n: u32, n_: u32) -> vec4<bool> {
  return vec4<bool>(n < n_, n + 1u < n_, n + 2u < n_, n + 3u < n_);
}
