/**
 * Python source (part 1 of the PyTorch export, see pytorch.ts): imports, a bit-exact port of random.ts
 * (splitmix32, xoshiro128**, 53-bit uniform, Box–Muller with fdlibm log/sin/cos), of data/shape.ts (layer
 * widths) and of init.ts (schemes, distributions, orthogonal by modified Gram–Schmidt twice on rows or
 * columns, tied, nonneg, the data sets' read-out). Needs no torch.
 * Written with String.raw: the Python holds no backslash, backtick or dollar-brace, so it is copied verbatim.
 */
export const PYTHON_DRAWS = String.raw`import argparse
import base64
import gzip
import hashlib
import json
import math
import struct

# ---------------------------------------------------------------------------------------------------------
# Randomness: a port of src/engine/random.ts. xoshiro128** seeded through splitmix32 from (seed, stream,
# index), uniform() with 53 bits, Box–Muller normals using both values of each pair in order. All integer
# arithmetic is modulo 2**32, exactly as JavaScript's Math.imul, <<, >>> and ^ do it.
# ---------------------------------------------------------------------------------------------------------
M32 = 0xFFFFFFFF
STREAM = {
    "weights": 1,
    "bias": 2,
    "input": 3,
    "target": 4,
    "data": 5,  # 2-D data sets: index 0 the training points, 1 the test points
    "minibatch": 6,  # index e: the permutation of the training set in epoch e
    "readout": 7,  # data sets: the read-out layer's weights
    "split": 8,  # the digits' fixed train/test split (seed 0, index 0)
}


def splitmix32(x):
    x = (x + 0x9E3779B9) & M32
    z = ((x ^ (x >> 16)) * 0x85EBCA6B) & M32
    z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
    return z ^ (z >> 16)


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


# Math.log, Math.sin and Math.cos are not correctly rounded in JavaScript engines, and Python's math module
# (the C library) rounds differently in about 5% of cases. So the normals use ports of fdlibm's log, sin and
# cos (what V8, and so Node and Chrome, used when this was written): pure float64 arithmetic, identical on
# every platform. Only the arguments Box-Muller needs are supported: log of (0, 1), sin/cos of [0, 2*pi).
_F64 = struct.Struct("<d")
_U64 = struct.Struct("<Q")


def _bits(x):
    return _U64.unpack(_F64.pack(x))[0]


def _from_bits(b):
    return _F64.unpack(_U64.pack(b))[0]


def _high(x):
    return _bits(x) >> 32


LN2_HI, LN2_LO = 6.93147180369123816490e-01, 1.90821492927058770002e-10
LG1, LG2, LG3 = 6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01
LG4, LG5, LG6 = 2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01
LG7 = 1.479819860511658591e-01


def fdlibm_log(x):
    hx = _high(x)
    if not 0x00100000 <= hx < 0x7FF00000:
        raise ValueError("fdlibm_log: only positive, normal, finite arguments")
    k = (hx >> 20) - 1023
    hx &= 0x000FFFFF
    i = (hx + 0x95F64) & 0x100000
    x = _from_bits((_bits(x) & M32) | ((hx | (i ^ 0x3FF00000)) << 32))  # normalize x or x/2
    k += i >> 20
    f = x - 1.0
    if (0x000FFFFF & (2 + hx)) < 3:  # -2**-20 <= f < 2**-20
        if f == 0.0:
            return 0.0 if k == 0 else float(k) * LN2_HI + float(k) * LN2_LO
        r = f * f * (0.5 - 0.33333333333333333 * f)
        if k == 0:
            return f - r
        dk = float(k)
        return dk * LN2_HI - ((r - dk * LN2_LO) - f)
    s = f / (2.0 + f)
    dk = float(k)
    z = s * s
    i = hx - 0x6147A
    w = z * z
    j = 0x6B851 - hx
    t1 = w * (LG2 + w * (LG4 + w * LG6))
    t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)))
    i |= j
    r = t2 + t1
    if i > 0:
        hfsq = 0.5 * f * f
        if k == 0:
            return f - (hfsq - s * (hfsq + r))
        return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f)
    if k == 0:
        return f - s * (f - r)
    return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f)


S1, S2, S3 = -1.66666666666666324348e-01, 8.33333333332248946124e-03, -1.98412698298579493134e-04
S4, S5, S6 = 2.75573137070700676789e-06, -2.50507602534068634195e-08, 1.58969099521155010221e-10
C1, C2, C3 = 4.16666666666666019037e-02, -1.38888888888741095749e-03, 2.48015872894767294178e-05
C4, C5, C6 = -2.75573143513906633035e-07, 2.08757232129817482790e-09, -1.13596475577881948265e-11


def _kernel_sin(x, y, iy):
    if _high(x) & 0x7FFFFFFF < 0x3E400000 and int(x) == 0:
        return x
    z = x * x
    v = z * x
    r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))
    if iy == 0:
        return x + v * (S1 + z * r)
    return x - ((z * (0.5 * y - v * r) - y) - v * S1)


def _kernel_cos(x, y):
    ix = _high(x) & 0x7FFFFFFF
    if ix < 0x3E400000 and int(x) == 0:
        return 1.0
    z = x * x
    r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))))
    if ix < 0x3FD33333:  # |x| < 0.3
        return 1.0 - (0.5 * z - (z * r - x * y))
    qx = 0.28125 if ix > 0x3FE90000 else _from_bits((ix - 0x00200000) << 32)
    return (1.0 - qx) - ((0.5 * z - qx) - (z * r - x * y))


INVPIO2 = 6.36619772367581382433e-01
PIO2_1, PIO2_1T = 1.57079632673412561417e00, 6.07710050650619224932e-11
PIO2_2, PIO2_2T = 6.07710050630396597660e-11, 2.02226624879595063154e-21
PIO2_3, PIO2_3T = 2.02226624871116645580e-21, 8.47842766036889956997e-32
NPIO2_HW = (0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A)


def _rem_pio2(x):
    """x = n*pi/2 + (y0 + y1), for 0 <= x < 2*pi (fdlibm's __ieee754_rem_pio2, positive medium range)."""
    ix = _high(x)
    if ix > 0x401921FB:
        raise ValueError("_rem_pio2: only 0 <= x < 2*pi")
    if ix < 0x4002D97C:  # |x| < 3*pi/4: n = 1
        z = x - PIO2_1
        if ix != 0x3FF921FB:
            y0 = z - PIO2_1T
            return 1, y0, (z - y0) - PIO2_1T
        z -= PIO2_2
        y0 = z - PIO2_2T
        return 1, y0, (z - y0) - PIO2_2T
    n = int(x * INVPIO2 + 0.5)
    fn = float(n)
    r = x - fn * PIO2_1
    w = fn * PIO2_1T
    y0 = r - w
    if ix == NPIO2_HW[n - 1]:  # near a multiple of pi/2: more bits of pi
        j = ix >> 20
        if j - ((_high(y0) >> 20) & 0x7FF) > 16:
            t = r
            w = fn * PIO2_2
            r = t - w
            w = fn * PIO2_2T - ((t - r) - w)
            y0 = r - w
            if j - ((_high(y0) >> 20) & 0x7FF) > 49:
                t = r
                w = fn * PIO2_3
                r = t - w
                w = fn * PIO2_3T - ((t - r) - w)
                y0 = r - w
    return n, y0, (r - y0) - w


def fdlibm_sin(x):
    if _high(x) <= 0x3FE921FB:  # 0 <= x <= pi/4
        return _kernel_sin(x, 0.0, 0)
    n, y0, y1 = _rem_pio2(x)
    return (_kernel_sin(y0, y1, 1), _kernel_cos(y0, y1), -_kernel_sin(y0, y1, 1), -_kernel_cos(y0, y1))[n & 3]


def fdlibm_cos(x):
    if _high(x) <= 0x3FE921FB:
        return _kernel_cos(x, 0.0)
    n, y0, y1 = _rem_pio2(x)
    return (_kernel_cos(y0, y1), -_kernel_sin(y0, y1, 1), -_kernel_cos(y0, y1), _kernel_sin(y0, y1, 1))[n & 3]


class Rng:
    """xoshiro128** for stream "stream", item "index" (e.g. the layer) of experiment seed "seed"."""

    def __init__(self, seed, stream=0, index=0):
        h = splitmix32(seed & M32)
        h = splitmix32(h ^ (((stream + 1) * 0x27D4EB2D) & M32))
        h = splitmix32(h ^ (((index + 1) * 0x165667B1) & M32))
        self.s0 = h = splitmix32(h)
        self.s1 = h = splitmix32(h)
        self.s2 = h = splitmix32(h)
        self.s3 = splitmix32(h)
        if (self.s0 | self.s1 | self.s2 | self.s3) == 0:
            self.s0 = 1
        self.spare = None

    def next_u32(self):
        s0, s1, s2, s3 = self.s0, self.s1, self.s2, self.s3
        result = (rotl((s1 * 5) & M32, 7) * 9) & M32
        t = (s1 << 9) & M32
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        self.s0, self.s1, self.s2, self.s3 = s0, s1, s2, rotl(s3, 11)
        return result

    def uniform(self):
        """Uniform on the open interval (0, 1), 53-bit resolution."""
        hi = self.next_u32() >> 5  # 27 bits
        lo = self.next_u32() >> 6  # 26 bits
        return (float(hi) * 67108864.0 + float(lo) + 0.5) / 9007199254740992.0

    def normal(self):
        """Standard normal by Box-Muller (both values of each pair, cos first)."""
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        r = math.sqrt(-2.0 * fdlibm_log(self.uniform()))
        theta = 2.0 * math.pi * self.uniform()
        self.spare = r * fdlibm_sin(theta)
        return r * fdlibm_cos(theta)

    def normals(self, count, mean=0.0, std=1.0):
        return [mean + std * self.normal() for _ in range(count)]


# ---------------------------------------------------------------------------------------------------------
# The network's shape: a port of src/engine/data/shape.ts. Without a data set every layer maps width -> width
# and h_L is the output; with one, layer 1 maps the data's features -> width, layers 2..L width -> width, and
# a linear read-out (no activation, no statistics) maps width -> classes, every layer with a trained bias.
# ---------------------------------------------------------------------------------------------------------
DATA_DIMENSIONS = {"spiral": (2, 2), "circles": (2, 2), "xor": (2, 2), "gauss": (2, 2), "digits": (64, 10)}


def network_shape(exp):
    """{"inputs", "width", "outputs", "readout", "bias"} of the experiment's network."""
    if exp["data"] == "none":
        w = exp["width"]
        return {"inputs": w, "width": w, "outputs": w, "readout": False, "bias": exp["sb"] > 0}
    if exp["tied"]:
        raise ValueError("tied weights need width -> width layers, which a data set's first layer is not")
    features, classes = DATA_DIMENSIONS[exp["data"]]
    return {"inputs": features, "width": exp["width"], "outputs": classes, "readout": True, "bias": True}


def fan_in(exp, layer):
    """Fan-in of hidden layer "layer" (1-based): the input's columns for layer 1, the width above it."""
    return network_shape(exp)["inputs"] if layer == 1 else exp["width"]


# ---------------------------------------------------------------------------------------------------------
# Initialization: a port of src/engine/init.ts. W_l is row-major [fan_in, fan_out] (z = h @ W); inputs and
# targets are row-major [batch, width]. Everything is a flat list of Python floats (float64).
# ---------------------------------------------------------------------------------------------------------
def sigma_w2(init, sw, fan_in, fan_out):
    if init == "he":
        return 2.0
    if init == "lecun":
        return 1.0
    if init == "xavier":
        return (2.0 * fan_in) / (fan_in + fan_out)
    return sw * sw  # custom


def orthonormalize_rows(m, n, cols, use_numpy=True):
    """Modified Gram-Schmidt on the rows of a row-major [n, cols] matrix (n <= cols), twice, in place (as init.ts).

    The numpy path keeps the exact order of operations (np.cumsum adds left to right), so both paths give
    the same bits; numpy only makes it faster.
    """
    try:
        import numpy as np
    except ImportError:
        use_numpy = False
    if use_numpy:
        a = np.array(m, dtype=np.float64).reshape(n, cols)
        for _ in range(2):
            for i in range(n):
                row = a[i]
                for j in range(i):
                    dot = np.cumsum(row * a[j])[-1]
                    row -= dot * a[j]
                norm = math.sqrt(np.cumsum(row * row)[-1])
                row /= norm
        m[:] = a.reshape(-1).tolist()
        return
    for _ in range(2):
        for i in range(n):
            ri = i * cols
            for j in range(i):
                rj = j * cols
                dot = 0.0
                for c in range(cols):
                    dot += m[ri + c] * m[rj + c]
                for c in range(cols):
                    m[ri + c] -= dot * m[rj + c]
            norm = 0.0
            for c in range(cols):
                norm += m[ri + c] * m[ri + c]
            norm = math.sqrt(norm)
            for c in range(cols):
                m[ri + c] /= norm


def transpose(m, rows, cols):
    """The transpose of a row-major [rows, cols] matrix, as a row-major [cols, rows] one."""
    return [m[r * cols + c] for c in range(cols) for r in range(rows)]


def draw_matrix(rng, dist, rows, cols, variance, use_numpy=True):
    """A row-major [rows, cols] matrix of entries of variance "variance", drawn from rng in distribution dist."""
    if dist == "normal":
        return rng.normals(rows * cols, 0.0, math.sqrt(variance))
    if dist == "uniform":
        a = math.sqrt(3.0 * variance)  # U(-a, a) has variance a*a/3
        return [a * (2.0 * rng.uniform() - 1.0) for _ in range(rows * cols)]
    # orthogonal: orthonormal rows (rows <= cols) or columns, entries of mean square 1/max(rows, cols), scaled
    w = rng.normals(rows * cols)
    if rows <= cols:
        orthonormalize_rows(w, rows, cols, use_numpy)
    else:
        t = transpose(w, rows, cols)
        orthonormalize_rows(t, cols, rows, use_numpy)
        w = transpose(t, cols, rows)
    gain = math.sqrt(variance * max(rows, cols))
    return [v * gain for v in w]


def init_weights(exp, layer, use_numpy=True):
    """Weights of hidden layer "layer" (1-based): row-major [fan_in, width], fan_in = fan_in(exp, layer)."""
    drawn = 1 if exp["tied"] else layer  # tied: every layer starts from layer 1's draw
    rows, cols = fan_in(exp, drawn), exp["width"]
    variance = sigma_w2(exp["init"], exp["sw"], rows, cols) / rows
    w = draw_matrix(Rng(exp["seed"], STREAM["weights"], drawn), exp["dist"], rows, cols, variance, use_numpy)
    if exp["nonneg"]:
        w = [abs(v) for v in w]
    return w


def init_readout(exp, use_numpy=True):
    """Data sets: the read-out's weights, row-major [width, classes], variance 1/width (whatever the hidden
    layers' scheme: no activation follows) in the experiment's distribution; its bias starts at 0."""
    width, classes = exp["width"], network_shape(exp)["outputs"]
    rng = Rng(exp["seed"], STREAM["readout"], 0)
    w = draw_matrix(rng, exp["dist"], width, classes, 1.0 / width, use_numpy)
    if exp["nonneg"]:
        w = [abs(v) for v in w]
    return w


def init_bias(exp, layer):
    """Biases of hidden layer "layer" (1-based), N(0, sb^2); zeros when sb = 0."""
    if exp["sb"] == 0:
        return [0.0] * exp["width"]
    return Rng(exp["seed"], STREAM["bias"], 1 if exp["tied"] else layer).normals(exp["width"], 0.0, exp["sb"])


def make_inputs(exp):
    """x ~ N(in_mean, in_std^2), row-major [batch, width]."""
    rng = Rng(exp["seed"], STREAM["input"])
    return rng.normals(exp["batch"] * exp["width"], exp["in_mean"], exp["in_std"])


def make_targets(exp):
    """y ~ N(0, 1), row-major [batch, width]."""
    return Rng(exp["seed"], STREAM["target"]).normals(exp["batch"] * exp["width"])
`;
