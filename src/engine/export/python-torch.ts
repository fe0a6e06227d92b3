/**
 * Python source (part 3 of the PyTorch export, see pytorch.ts): the activation with explicit φ′ (a custom
 * autograd Function), the float64 MLP (with a data set: a linear read-out), the losses, plain SGD with the
 * projections on fixed inputs or on the data set's minibatches, the measured pass printing our per-layer
 * statistics (and with a data set the training and test accuracy), the --draws mode and main(). torch is
 * imported only inside run(). The `if __name__ == "__main__"` guard is pytorch.ts's, after the data.
 */
export const PYTHON_TORCH = String.raw`# ---------------------------------------------------------------------------------------------------------
# The activation, written out as in src/engine/activations.ts: phi, its derivative phi' (computed as itself,
# alpha*e^z for the ELU family; at exactly z = 0 the left branch) and, for the hybrid, d(phi)/dk.
# ---------------------------------------------------------------------------------------------------------
def activation(torch, exp):
    act, alpha, lam, slope = exp["act"], exp["alpha"], exp["lambda"], exp["slope"]
    pos = lambda z: z > 0  # noqa: E731

    def phi(z, k):
        if act == "relu":
            return torch.where(pos(z), z, torch.zeros_like(z))
        if act == "leaky":
            return torch.where(pos(z), z, slope * z)
        if act == "elu":
            return torch.where(pos(z), z, alpha * torch.expm1(z))
        if act == "selu":
            return lam * torch.where(pos(z), z, alpha * torch.expm1(z))
        if act == "silu":
            return z * torch.sigmoid(z)
        return torch.where(pos(z), z, k * alpha * torch.expm1(z))  # hybrid: (1-k)*ReLU + k*ELU

    def dphi(z, k):
        one = torch.ones_like(z)
        if act == "relu":
            return torch.where(pos(z), one, torch.zeros_like(z))
        if act == "leaky":
            return torch.where(pos(z), one, torch.full_like(z, slope))
        if act == "elu":
            return torch.where(pos(z), one, alpha * torch.exp(z))
        if act == "selu":
            return lam * torch.where(pos(z), one, alpha * torch.exp(z))
        if act == "silu":
            s = torch.sigmoid(z)
            return s * (1 + z * (1 - s))
        return torch.where(pos(z), one, k * alpha * torch.exp(z))

    def dphi_dk(z):
        return torch.where(pos(z), torch.zeros_like(z), alpha * torch.expm1(z))

    class Phi(torch.autograd.Function):
        """h = phi(z; k), with the backward pass using phi' above (not autograd of phi)."""

        @staticmethod
        def forward(ctx, z, k):
            ctx.save_for_backward(z, k)
            return phi(z, k)

        @staticmethod
        def backward(ctx, grad):
            z, k = ctx.saved_tensors
            grad_k = (grad * dphi_dk(z)).sum() if act == "hybrid" else None
            return grad * dphi(z, k), grad_k

    return Phi.apply, dphi


# ---------------------------------------------------------------------------------------------------------
# The network and the run: "steps" plain SGD updates, then one measured forward + backward pass.
# ---------------------------------------------------------------------------------------------------------
def build(torch, exp, use_numpy=True):
    nn = torch.nn
    depth, hybrid = exp["depth"], exp["act"] == "hybrid"
    shape = network_shape(exp)
    width = shape["width"]
    apply_phi, dphi = activation(torch, exp)

    def matrix(values, rows, cols):  # row-major [fan_in, fan_out]
        return nn.Parameter(torch.tensor(values, dtype=torch.float64).reshape(rows, cols))

    def vector(values):
        return nn.Parameter(torch.tensor(values, dtype=torch.float64))

    class MLP(nn.Module):
        """z_l = h_{l-1} @ W_l + b_l, h_l = phi(z_l), h_0 = x, for the hidden layers l = 1..depth; then,
        with a data set, the linear read-out out = h_L @ W + b (without one, out = h_L)."""

        def __init__(self):
            super().__init__()
            count = 1 if exp["tied"] else depth  # tied: one matrix (and bias) shared by every layer
            layers = range(1, count + 1)
            weights = [matrix(init_weights(exp, l, use_numpy), fan_in(exp, l), width) for l in layers]
            biases = [vector(init_bias(exp, l)) for l in layers]
            if shape["readout"]:  # the last entry: the read-out [width, classes], its bias starting at 0
                weights.append(matrix(init_readout(exp, use_numpy), width, shape["outputs"]))
                biases.append(vector([0.0] * shape["outputs"]))
            self.weights = nn.ParameterList(weights)
            self.biases = nn.ParameterList(biases) if shape["bias"] else None
            # hybrid: each layer learns its own k, even with tied weights
            self.knobs = nn.ParameterList(
                [nn.Parameter(torch.tensor(float(exp["knob"]), dtype=torch.float64)) for _ in range(depth)]
            )

        def forward(self, x, keep=False):
            """The output, [h_0 .. h_L] and [z_1 .. z_L]; with keep, every h and z retains its gradient."""
            hs, zs = [x], []
            for l in range(depth):
                p = 0 if exp["tied"] else l
                z = hs[-1] @ self.weights[p]
                if self.biases is not None:
                    z = z + self.biases[p]
                h = apply_phi(z, self.knobs[l] if hybrid else self.knobs[l].detach())
                if keep:
                    z.retain_grad()
                    h.retain_grad()
                zs.append(z)
                hs.append(h)
            if not shape["readout"]:
                return hs[-1], hs, zs
            return hs[-1] @ self.weights[-1] + self.biases[-1], hs, zs

    return MLP(), dphi


def loss_of(exp, out, y):
    batch = exp["batch"]
    if exp["loss"] == "xent":  # y one-hot: -(1/batch) sum log softmax(out)[label]
        return -(out.log_softmax(dim=1) * y).sum() / batch
    if exp["loss"] == "mse":
        return ((out - y) ** 2).sum() / (2 * batch)  # (1/(2 batch)) sum ||out - y||^2
    return (out * y).sum() / batch  # probe: (1/batch) sum <h_L, y>


def finite(v):
    """JSON has no NaN or Infinity: print null, as JavaScript's JSON.stringify does."""
    return v if math.isfinite(v) else None


def predictions(logits):
    """Each row's class: the index of its largest output (the first one on ties; -1 for a row of NaN)."""
    out = []
    for row in logits:
        best, best_value = -1, -math.inf
        for c, v in enumerate(row):
            if v > best_value:
                best, best_value = c, v
        out.append(best)
    return out


def accuracy(torch, net, points, features):
    """The fraction of the points (x row-major [count, features], labels) whose largest output is their label."""
    x, labels = points
    with torch.no_grad():
        out, _, _ = net(torch.tensor(x, dtype=torch.float64).reshape(len(labels), features))
    right = sum(1 for p, label in zip(predictions(out.tolist()), labels) if p == label)
    return right / len(labels) if labels else 0.0


def run(exp, use_numpy=True):
    import torch

    torch.set_default_dtype(torch.float64)
    net, dphi = build(torch, exp, use_numpy)
    data = None if exp["data"] == "none" else load_data(exp)
    if data is None:  # fixed random inputs and targets, [batch, width]
        batch, width = exp["batch"], exp["width"]
        x = torch.tensor(make_inputs(exp), dtype=torch.float64).reshape(batch, width)
        y = torch.tensor(make_targets(exp), dtype=torch.float64).reshape(batch, width)

        def minibatch(step):
            return x, y

    else:  # step t trains on the rows Minibatches gives, targets one-hot
        train_x, train_labels = data["train"]
        train_x = torch.tensor(train_x, dtype=torch.float64).reshape(len(train_labels), data["features"])
        one_hot = torch.eye(data["classes"], dtype=torch.float64)[train_labels]
        feed = Minibatches(len(train_labels), exp["seed"], exp["batch"])

        def minibatch(step):
            rows = feed.rows_at(step)
            return train_x[rows], one_hot[rows]

    hybrid = exp["act"] == "hybrid"
    params = list(net.weights) + (list(net.biases) if net.biases is not None else [])
    params += list(net.knobs) if hybrid else []
    opt = torch.optim.SGD(params, lr=exp["lr"])
    for step in range(exp["steps"]):
        x, y = minibatch(step)
        opt.zero_grad()
        out, _, _ = net(x)
        loss_of(exp, out, y).backward()
        opt.step()
        with torch.no_grad():  # projected SGD
            if hybrid:
                for k in net.knobs:
                    k.clamp_(0.0, 1.0)
            if exp["nonneg"]:
                for w in net.weights:
                    w.clamp_(min=0.0)

    # The measured pass (on the next minibatch with a data set).
    x, y = minibatch(exp["steps"])
    opt.zero_grad()
    out, hs, zs = net(x, keep=True)
    loss = loss_of(exp, out, y)
    loss.backward()
    layers = []
    with torch.no_grad():
        for l in range(1, exp["depth"] + 1):
            z, h = zs[l - 1], hs[l]
            pre_mean = z.mean()
            post_mean = h.mean()
            k = net.knobs[l - 1]
            d = dphi(z, k)
            # dL/dW_l = h_{l-1}^T dL/dz_l: the layer's own part (with tied weights, W.grad is their sum)
            dw = hs[l - 1].T @ z.grad
            stats = {
                "layer": l,
                "preMean": finite(pre_mean.item()),
                "preVar": finite(((z - pre_mean) ** 2).mean().item()),  # population variance
                "postMean": finite(post_mean.item()),
                "postVar": finite(((h - post_mean) ** 2).mean().item()),
                "dead": int((d == 0).all(dim=0).sum().item()),  # phi'(z) = 0 for every example
                "saturated": int((d.abs() < 0.01).all(dim=0).sum().item()),  # |phi'(z)| < 0.01 for all
                "gradNorm": finite(torch.sqrt((h.grad**2).sum()).item()),  # ||dL/dh_l||
                "weightGradNorm": finite(torch.sqrt((dw**2).sum()).item()),  # ||dL/dW_l||
            }
            if hybrid:
                stats["knob"] = finite(k.item())
                stats["knobGrad"] = finite(k.grad.item())
            layers.append(stats)
    result = {"layers": layers, "loss": finite(loss.item())}
    if data is not None:  # with the weights of the measured pass, over the whole training and test sets
        result["accuracy"] = accuracy(torch, net, data["train"], data["features"])
        result["testAccuracy"] = accuracy(torch, net, data["test"], data["features"])
    return result


def draws(exp, count, use_numpy=True):
    """The first "count" numbers of each seeded draw (no torch needed), to check them against the page."""
    if exp["data"] == "none":
        out = {
            "w1": init_weights(exp, 1, use_numpy)[:count],
            "x": make_inputs(exp)[:count],
            "y": make_targets(exp)[:count],
        }
        if exp["sb"] > 0:
            out["b1"] = init_bias(exp, 1)[:count]
        return out
    data = load_data(exp)
    out = {"w1": init_weights(exp, 1, use_numpy)[:count], "readout": init_readout(exp, use_numpy)[:count]}
    if exp["sb"] > 0:
        out["b1"] = init_bias(exp, 1)[:count]
    if exp["data"] == "digits":
        out["split"] = digits_split()[:count]
    out.update(
        {
            "raw_train": data["raw_train"][0][:count],
            "train_x": data["train"][0][:count],
            "train_labels": data["train"][1][:count],
            "test_x": data["test"][0][:count],
            "test_labels": data["test"][1][:count],
            "mean": data["mean"],
            "scale": data["scale"],
            # the training-set rows at positions 0 .. count-1 of the minibatch order (step t, position i:
            # t*batch + i)
            "minibatch": Minibatches(len(data["train"][1]), exp["seed"], count).rows_at(0),
        }
    )
    return out


def main():
    import sys

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--draws", type=int, metavar="N", help="print the first N draws as JSON (no torch)")
    parser.add_argument("--pure-python", action="store_true", help="do not use numpy for orthogonal init")
    args = parser.parse_args()
    use_numpy = not args.pure_python
    if args.draws is not None:
        print(json.dumps(draws(EXPERIMENT, args.draws, use_numpy)))
        return
    try:
        import torch  # noqa: F401
    except ImportError:
        sys.exit("This needs PyTorch (pip install torch); without it, --draws N still works.")
    print(json.dumps(run(EXPERIMENT, use_numpy), indent=2))
`;
