// Parallel mean/variance (Chan, Golub & LeVeque 1979): (count, mean, M2) triples combine without the
// cancellation of Σx² − (Σx)²/n, so the variance stays accurate when |mean| ≫ std.

fn chan(a: vec3<f32>, b: vec3<f32>) -> vec3<f32> {
  if (b.x == 0.0) {
    return a;
  }
  if (a.x == 0.0) {
    return b;
  }
  let n = a.x + b.x;
  let d = b.y - a.y;
  let wb = b.x / n;
  return vec3<f32>(n, a.y + d * wb, a.z + b.z + d * d * a.x * wb);
}

// Two moments that share one count: (n, meanZ, M2Z, meanH) in `zh.xyzw` and M2H in `m2h`.
struct Moments {
  zh: vec4<f32>,
  m2h: f32,
}

fn chanMoments(a: Moments, b: Moments) -> Moments {
  let z = chan(a.zh.xyz, b.zh.xyz);
  let h = chan(vec3<f32>(a.zh.x, a.zh.w, a.m2h), vec3<f32>(b.zh.x, b.zh.w, b.m2h));
  return Moments(vec4<f32>(z, h.y), h.z);
}
