// Workgroup-tiled, register-blocked core of C = A·B shared by forward, backward and weightgrad (each
// declares the storage arrays `matA` and `matB` of vec4<f32> and calls mmTile). The default on hardware
// adapters; matmul_direct.wgsl is the same contract without workgroup memory (for CPU adapters).
//
// A workgroup of 16×16 threads computes a 64×64 tile of C; each thread a 4×4 block (rows
// m0 + 4·lid.y + i, columns n0 + 4·lid.x + j), as 4 vec4 accumulators. K advances 16 at a time through
// workgroup memory, stored k-major so the inner loop reads one vec4 of A and one of B per k.
//
// Overrides, storage conventions and mmBlock: matmul_common.wgsl.

const TILE: u32 = 64u;
// The layout every core exports to the kernels: workgroup WG_X × WG_Y, each invocation an MM_ROWS × 4 block.
const WG_X: u32 = 16u;
const WG_Y: u32 = 16u;
const WG_N: u32 = 256u;
const MM_ROWS: u32 = 4u;
const TILE_M: u32 = 64u;
const TILE_N: u32 = 64u;

const TK: u32 = 16u;

// [TK][TILE / 4] vec4s: element (k, m) at [k * 16 + m / 4][m % 4].
var<workgroup> tileA: array<vec4<f32>, 256>;
var<workgroup> tileB: array<vec4<f32>, 256>;

fn scatterK(isA: bool, kq: u32, r: u32, v: vec4<f32>) {
  // v holds k = 4·kq .. 4·kq + 3 of row r: write column r of four k-rows.
  let base = kq * 64u + r / 4u;
  let lane = r % 4u;
  if (isA) {
    tileA[base][lane] = v.x;
    tileA[base + 16u][lane] = v.y;
    tileA[base + 32u][lane] = v.z;
    tileA[base + 48u][lane] = v.w;
  } else {
    tileB[base][lane] = v.x;
    tileB[base + 16u][lane] = v.y;
    tileB[base + 32u][lane] = v.z;
    tileB[base + 48u][lane] = v.w;
  }
}

fn loadTiles(k0: u32, m0: u32, n0: u32, t: u32) {
  // 256 threads, one vec4 of A and one of B each (64·16 floats per tile).
  if (A_CONTIG_K) {
    let r = t / 4u;
    let kq = t % 4u;
    let m = m0 + r;
    let k = k0 + kq * 4u;
    var v = vec4<f32>(0.0);
    if (m < M && k < LDA) {
      v = matA[(m * LDA + k) / 4u];
    }
    scatterK(true, kq, r, v);
  } else {
    let kr = t / 16u;
    let mq = t % 16u;
    let k = k0 + kr;
    let m = m0 + mq * 4u;
    var v = vec4<f32>(0.0);
    if (k < K && m < LDA) {
      v = matA[(k * LDA + m) / 4u];
    }
    tileA[kr * 16u + mq] = v;
  }
  if (B_CONTIG_K) {
    let r = t / 4u;
    let kq = t % 4u;
    let n = n0 + r;
    let k = k0 + kq * 4u;
    var v = vec4<f32>(0.0);
    if (n < N && k < LDB) {
      v = matB[(n * LDB + k) / 4u];
    }
    scatterK(false, kq, r, v);
  } else {
    let kr = t / 16u;
    let nq = t % 16u;
    let k = k0 + kr;
    let n = n0 + nq * 4u;
    var v = vec4<f32>(0.0);
    if (k < K && n < LDB) {
      v = matB[(k * LDB + n) / 4u];
    }
    tileB[kr * 16u + nq] = v;
  }
}

// The 4×4 block of this thread: acc[i][j] = C[m0 + 4·lid.y + i, n0 + 4·lid.x + j]. Must be called in uniform
// control flow (it synchronizes the workgroup).
fn mmTile(wid: vec2<u32>, lid: vec2<u32>, t: u32) -> array<vec4<f32>, MM_ROWS> {
  let m0 = wid.y * TILE;
  let n0 = wid.x * TILE;
  var acc: array<vec4<f32>, MM_ROWS>;
  let tiles = (K + TK - 1u) / TK;
  for (var kt = 0u; kt < tiles; kt++) {
    loadTiles(kt * TK, m0, n0, t);
    workgroupBarrier();
    for (var k = 0u; k < TK; k++) {
      let a = tileA[k * 16u + lid.y];
      let b = tileB[k * 16u + lid.x];
      acc[0] += a.x * b;
      acc[1] += a.y * b;
      acc[2] += a.z * b;
      acc[3] += a.w * b;
    }
    workgroupBarrier();
  }
  return acc;
}

// Lanes j of the 4 columns starting at n that lie inside the logical width `n_`.
fn lanesBelow(n: u32, n_: u32) -> vec4<bool> {
  return vec4<bool>(n < n_, n + 1u < n_, n + 2u < n_, n + 3u < n_);
}
