// Subgroup core of C = A·B for CPU adapters with 4-wide subgroups (SwiftShader), same contract as
// matmul_direct.wgsl (storage arrays `matA`, `matB` of vec4<f32>; mmTile; padding conventions), but each
// invocation computes an 8×4 block and the 4 invocations of a subgroup share the 8 rows of A they all need:
// each loads a quarter of them and subgroupBroadcast hands them round. Why: SwiftShader runs 4 invocations
// as one SIMD group and turns every storage load with a computed index into a per-lane gather (~30 CPU
// instructions per float), so the loads, not the multiply-adds, bound a matmul there; a broadcast is one
// register shuffle. Per 4 k, an invocation loads 8 + 16 floats for 128 multiply-adds (direct: 32 for 64).
//
// Assumes (like the caller that picks this core: subgroupMinSize = subgroupMaxSize = 4) that invocations
// 4g … 4g + 3 along x form one subgroup with subgroup_invocation_id = lid.x % 4.
// Workgroup 8×4 = 32 invocations, a 32×32 tile of C: rows m0 + i (i < 8), columns n0 + j (j < 4).
// Needs `enable subgroups;` at the top of the module (kernels/kernel.ts puts it there). Everything is
// unrolled by hand: subgroupBroadcast takes a constant lane, and a dynamically indexed private array would
// live in memory on SwiftShader.

const WG_X: u32 = 8u;
const WG_Y: u32 = 4u;
const WG_N: u32 = 32u;
const MM_ROWS: u32 = 8u;
const TILE_M: u32 = 32u;
const TILE_N: u32 = 32u;

fn mmTile(wid: vec2<u32>, lid: vec2<u32>, t: u32) -> array<vec4<f32>, MM_ROWS> {
  let o = mmBlock(wid, lid);
  let m0 = o.x;
  let n0 = o.y;
  let lane = lid.x % 4u;
  var acc: array<vec4<f32>, MM_ROWS>;
  if (A_CONTIG_K) {
    // This lane loads rows m0 + lane and m0 + 4 + lane of A (clamped: rows past M are never stored).
    let ra0 = min(m0 + lane, M - 1u) * LDA / 4u;
    let ra1 = min(m0 + 4u + lane, M - 1u) * LDA / 4u;
    let k4 = (K + 3u) / 4u;
    if (B_CONTIG_K) {
      let c0 = min(n0, N - 1u) * LDB / 4u;
      let c1 = min(n0 + 1u, N - 1u) * LDB / 4u;
      let c2 = min(n0 + 2u, N - 1u) * LDB / 4u;
      let c3 = min(n0 + 3u, N - 1u) * LDB / 4u;
      for (var k = 0u; k < k4; k++) {
        let my0 = matA[ra0 + k];
        let my1 = matA[ra1 + k];
        let b0 = matB[c0 + k];
        let b1 = matB[c1 + k];
        let b2 = matB[c2 + k];
        let b3 = matB[c3 + k];
        let a0 = subgroupBroadcast(my0, 0u);
        let c0 = subgroupBroadcast(my1, 0u);
        let a1 = subgroupBroadcast(my0, 1u);
        let c1 = subgroupBroadcast(my1, 1u);
        let a2 = subgroupBroadcast(my0, 2u);
        let c2 = subgroupBroadcast(my1, 2u);
        let a3 = subgroupBroadcast(my0, 3u);
        let c3 = subgroupBroadcast(my1, 3u);
        acc[0] += vec4<f32>(dot(a0, b0), dot(a0, b1), dot(a0, b2), dot(a0, b3));
        acc[1] += vec4<f32>(dot(a1, b0), dot(a1, b1), dot(a1, b2), dot(a1, b3));
        acc[2] += vec4<f32>(dot(a2, b0), dot(a2, b1), dot(a2, b2), dot(a2, b3));
        acc[3] += vec4<f32>(dot(a3, b0), dot(a3, b1), dot(a3, b2), dot(a3, b3));
        acc[4] += vec4<f32>(dot(c0, b0), dot(c0, b1), dot(c0, b2), dot(c0, b3));
        acc[5] += vec4<f32>(dot(c1, b0), dot(c1, b1), dot(c1, b2), dot(c1, b3));
        acc[6] += vec4<f32>(dot(c2, b0), dot(c2, b1), dot(c2, b2), dot(c2, b3));
        acc[7] += vec4<f32>(dot(c3, b0), dot(c3, b1), dot(c3, b2), dot(c3, b3));
      }
    } else {
      let nc = min(n0, LDB - 4u) / 4u;
      let ld4 = LDB / 4u;
      for (var k = 0u; k < k4; k++) {
        let my0 = matA[ra0 + k];
        let my1 = matA[ra1 + k];
        let kb = 4u * k;
        let b0 = matB[min(kb, K - 1u) * ld4 + nc];
        let b1 = matB[min(kb + 1u, K - 1u) * ld4 + nc];
        let b2 = matB[min(kb + 2u, K - 1u) * ld4 + nc];
        let b3 = matB[min(kb + 3u, K - 1u) * ld4 + nc];
        let a0 = subgroupBroadcast(my0, 0u);
        let c0 = subgroupBroadcast(my1, 0u);
        let a1 = subgroupBroadcast(my0, 1u);
        let c1 = subgroupBroadcast(my1, 1u);
        let a2 = subgroupBroadcast(my0, 2u);
        let c2 = subgroupBroadcast(my1, 2u);
        let a3 = subgroupBroadcast(my0, 3u);
        let c3 = subgroupBroadcast(my1, 3u);
        acc[0] += a0.x * b0 + a0.y * b1 + a0.z * b2 + a0.w * b3;
        acc[1] += a1.x * b0 + a1.y * b1 + a1.z * b2 + a1.w * b3;
        acc[2] += a2.x * b0 + a2.y * b1 + a2.z * b2 + a2.w * b3;
        acc[3] += a3.x * b0 + a3.y * b1 + a3.z * b2 + a3.w * b3;
        acc[4] += c0.x * b0 + c0.y * b1 + c0.z * b2 + c0.w * b3;
        acc[5] += c1.x * b0 + c1.y * b1 + c1.z * b2 + c1.w * b3;
        acc[6] += c2.x * b0 + c2.y * b1 + c2.z * b2 + c2.w * b3;
        acc[7] += c3.x * b0 + c3.y * b1 + c3.z * b2 + c3.w * b3;
      }
    }
  } else {
    // Aᵀ stored ([K, LDA], contiguous along m): this lane loads rows m0 … m0 + 7 of A at k = 4·kq + lane
    // (zero past K), and its own 4 columns of B at the 4 k of the step.
    let mc0 = min(m0 / 4u, LDA / 4u - 1u);
    let mc1 = min(m0 / 4u + 1u, LDA / 4u - 1u);
    let nc = min(n0, LDB - 4u) / 4u;
    let lda4 = LDA / 4u;
    let ldb4 = LDB / 4u;
    let k4 = (K + 3u) / 4u;
    for (var kq = 0u; kq < k4; kq++) {
      let kb = 4u * kq;
      let mine = kb + lane;
      let inside = mine < K;
      let ka = min(mine, K - 1u) * lda4;
      let my0 = select(vec4<f32>(0.0), matA[ka + mc0], inside);
      let my1 = select(vec4<f32>(0.0), matA[ka + mc1], inside);
      let b0 = matB[min(kb + 0u, K - 1u) * ldb4 + nc];
      let b1 = matB[min(kb + 1u, K - 1u) * ldb4 + nc];
      let b2 = matB[min(kb + 2u, K - 1u) * ldb4 + nc];
      let b3 = matB[min(kb + 3u, K - 1u) * ldb4 + nc];
      let a0 = subgroupBroadcast(my0, 0u);
      let c0 = subgroupBroadcast(my1, 0u);
      let a1 = subgroupBroadcast(my0, 1u);
      let c1 = subgroupBroadcast(my1, 1u);
      let a2 = subgroupBroadcast(my0, 2u);
      let c2 = subgroupBroadcast(my1, 2u);
      let a3 = subgroupBroadcast(my0, 3u);
      let c3 = subgroupBroadcast(my1, 3u);
      acc[0] += a0.x * b0 + a1.x * b1 + a2.x * b2 + a3.x * b3;
      acc[1] += a0.y * b0 + a1.y * b1 + a2.y * b2 + a3.y * b3;
      acc[2] += a0.z * b0 + a1.z * b1 + a2.z * b2 + a3.z * b3;
      acc[3] += a0.w * b0 + a1.w * b1 + a2.w * b2 + a3.w * b3;
      acc[4] += c0.x * b0 + c1.x * b1 + c2.x * b2 + c3.x * b3;
      acc[5] += c0.y * b0 + c1.y * b1 + c2.y * b2 + c3.y * b3;
      acc[6] += c0.z * b0 + c1.z * b1 + c2.z * b2 + c3.z * b3;
      acc[7] += c0.w * b0 + c1.w * b1 + c2.w * b2 + c3.w * b3;
    }
  }
  return acc;
}

// Lanes j of the 4 columns starting at n that lie inside the logical width `n_`.
fn lanesBelow(n: u32, n_: u32) -> vec4<bool> {
  return vec4<bool>(n < n_, n + 1u < n_, n + 2u < n_, n + 3u < n_);
}
