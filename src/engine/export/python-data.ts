/**
 * Python source (part 2 of the PyTorch export, see pytorch.ts): a bit-exact port of src/engine/data/ — the 2-D
 * sets of two-d.ts, the digits and their fixed split (digits.ts), the standardisation (dataset.ts) and the
 * minibatch order (minibatch.ts). Needs no torch. The digits' bytes come from DIGITS_BASE64, which pytorch.ts
 * defines at the end of the script (the embedded records, or None to read scikit-learn's copy).
 * Written with String.raw: the Python holds no backslash, backtick or dollar-brace, so it is copied verbatim.
 */
export const PYTHON_DATA = String.raw`# ---------------------------------------------------------------------------------------------------------
# Data sets: a port of src/engine/data/. The 2-D sets are drawn from stream (seed, "data", part), part 0 the
# training and 1 the test points; the digits have one fixed split for every experiment. Both are standardised
# per feature by the training set's mean and population standard deviation (1 where that is 0), and step t
# trains on positions [t*batch, (t+1)*batch) of one permutation of the training set per epoch.
# ---------------------------------------------------------------------------------------------------------
TWO_D_TRAIN, TWO_D_TEST = 400, 200
DIGITS_COUNT, DIGITS_PIXELS, DIGITS_TEST = 1797, 64, 360
DIGITS_SHA256 = "68aea062d35a127749050fa0e52dca09d6569ac08092c925610e0954e172dde2"
TWO_PI = 2.0 * math.pi


def two_d_point(kind, c, rng):
    """One clean point of class c (before noise). Angles use fdlibm's sin/cos on [0, 2*pi), like the page."""
    if kind == "spiral":  # two arms of 1.75 turns out to radius 5, the second turned by pi
        u = rng.uniform()
        r = 5.0 * u
        t = TWO_PI * math.fmod(1.75 * u + 0.5 * c, 1.0)
        return r * fdlibm_sin(t), r * fdlibm_cos(t)
    if kind == "circles":  # class 0: radius uniform on (0, 2); class 1: a ring, radius uniform on (3, 5)
        r = 2.0 * rng.uniform() if c == 0 else 3.0 + 2.0 * rng.uniform()
        t = TWO_PI * rng.uniform()
        return r * fdlibm_sin(t), r * fdlibm_cos(t)
    if kind == "xor":  # |x1|, |x2| uniform on (0.3, 5), x1's sign uniform; class 0 where x1 * x2 > 0
        a = 0.3 + 4.7 * rng.uniform()
        b = 0.3 + 4.7 * rng.uniform()
        s = -1.0 if rng.uniform() < 0.5 else 1.0
        return s * a, (s if c == 0 else -s) * b
    m = 2.0 if c == 0 else -2.0  # gauss: unit-variance blobs around (2, 2) and (-2, -2)
    return m + rng.normal(), m + rng.normal()


def two_d_points(kind, seed, noise, part, count):
    """count raw points (row-major [count, 2]) and their labels: point j has class j % 2; each coordinate
    gets noise * normal() after the clean point's draws."""
    rng = Rng(seed, STREAM["data"], part)
    x, labels = [], []
    for j in range(count):
        p0, p1 = two_d_point(kind, j % 2, rng)
        x.append(p0 + noise * rng.normal())
        x.append(p1 + noise * rng.normal())
        labels.append(j % 2)
    return x, labels


def permutation(n, rng):
    """Fisher-Yates: for i = n-1 down to 1, swap i with j = floor(uniform() * (i + 1))."""
    p = list(range(n))
    for i in range(n - 1, 0, -1):
        j = math.floor(rng.uniform() * (i + 1))
        p[i], p[j] = p[j], p[i]
    return p


def digits_bytes():
    """The 1,797 digits records of 65 bytes (64 pixel counts 0..16, row-major, then the label 0..9), from
    DIGITS_BASE64 at the end of this file or, when that is None, from scikit-learn's digits.csv.gz."""
    if DIGITS_BASE64 is not None:
        data = base64.b64decode(DIGITS_BASE64)
    else:
        import importlib.util
        import pathlib

        spec = importlib.util.find_spec("sklearn")  # found, not imported (that takes seconds)
        if spec is None or spec.origin is None:
            raise ImportError("data=digits needs scikit-learn's digits (pip install scikit-learn)")
        path = pathlib.Path(spec.origin).parent / "datasets" / "data" / "digits.csv.gz"
        with gzip.open(path, "rt") as f:
            data = bytes(int(float(v)) for line in f if line.strip() for v in line.split(","))
    if hashlib.sha256(data).hexdigest() != DIGITS_SHA256:
        raise ValueError("the digits differ from the playground's (SHA-256 mismatch)")
    return data


def digits_split():
    """The fixed order of the images: its first DIGITS_TEST are the test set, the rest the training set."""
    return permutation(DIGITS_COUNT, Rng(0, STREAM["split"], 0))


def standardisation(x, count, features):
    """Per feature: the mean and population standard deviation of x ([count, features]), 1 where that is 0."""
    mean, scale = [], []
    for f in range(features):
        column = x[f::features]
        total = 0.0
        for v in column:
            total += v
        m = total / count
        sq = 0.0
        for v in column:
            d = v - m
            sq += d * d
        sd = math.sqrt(sq / count)
        mean.append(m)
        scale.append(sd if sd > 0 else 1.0)
    return mean, scale


def load_data(exp):
    """The experiment's data set: "train" and "test" as (x row-major [count, features] standardised, labels),
    "raw_train" and "raw_test" before standardisation, its "mean" and "scale", "features" and "classes"."""
    kind = exp["data"]
    features, classes = DATA_DIMENSIONS[kind]
    if kind == "digits":
        data, record = digits_bytes(), DIGITS_PIXELS + 1

        def pick(rows):
            x = [float(v) for r in rows for v in data[r * record : r * record + DIGITS_PIXELS]]
            return x, [data[r * record + DIGITS_PIXELS] for r in rows]

        order = digits_split()
        raw_train, raw_test = pick(order[DIGITS_TEST:]), pick(order[:DIGITS_TEST])
    else:
        raw_train = two_d_points(kind, exp["seed"], exp["noise"], 0, TWO_D_TRAIN)
        raw_test = two_d_points(kind, exp["seed"], exp["noise"], 1, TWO_D_TEST)
    mean, scale = standardisation(raw_train[0], len(raw_train[1]), features)

    def standardise(points):
        x, labels = points
        return [(v - mean[i % features]) / scale[i % features] for i, v in enumerate(x)], labels

    return {
        "features": features,
        "classes": classes,
        "train": standardise(raw_train),
        "test": standardise(raw_test),
        "raw_train": raw_train,
        "raw_test": raw_test,
        "mean": mean,
        "scale": scale,
    }


class Minibatches:
    """The training-set rows of each step: positions [step*batch, (step+1)*batch) of the sequence of one
    permutation of the n training points per epoch (epoch e: permutation(n, Rng(seed, "minibatch", e)))."""

    def __init__(self, n, seed, batch):
        self.n, self.seed, self.batch = n, seed, batch
        self.epoch, self.order = -1, []

    def rows_at(self, step):
        rows = []
        for position in range(step * self.batch, (step + 1) * self.batch):
            epoch = position // self.n
            if epoch != self.epoch:
                self.order = permutation(self.n, Rng(self.seed, STREAM["minibatch"], epoch))
                self.epoch = epoch
            rows.append(self.order[position - epoch * self.n])
        return rows
`;
