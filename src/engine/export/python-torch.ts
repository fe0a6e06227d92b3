/**
 * Python source (part 2 of the PyTorch export, see pytorch.ts): the activation with explicit φ′ (a custom
 * autograd Function), the float64 MLP, plain SGD with the projections, the measured pass printing our
 * per-layer statistics, the --draws mode and main(). torch is imported only inside run().
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
    depth, width, hybrid = exp["depth"], exp["width"], exp["act"] == "hybrid"
    apply_phi, dphi = activation(torch, exp)

    def matrix(values):  # row-major [fan_in, fan_out]
        return nn.Parameter(torch.tensor(values, dtype=torch.float64).reshape(width, width))

    def vector(values):
        return nn.Parameter(torch.tensor(values, dtype=torch.float64))

    class MLP(nn.Module):
        """z_l = h_{l-1} @ W_l + b_l, h_l = phi(z_l), h_0 = x, for l = 1..depth; every layer width -> width."""

        def __init__(self):
            super().__init__()
            count = 1 if exp["tied"] else depth  # tied: one matrix (and bias) shared by every layer
            self.weights = nn.ParameterList(
                [matrix(init_weights(exp, l, use_numpy)) for l in range(1, count + 1)]
            )
            self.biases = (
                nn.ParameterList([vector(init_bias(exp, l)) for l in range(1, count + 1)])
                if exp["sb"] > 0
                else None
            )
            # hybrid: each layer learns its own k, even with tied weights
            self.knobs = nn.ParameterList(
                [nn.Parameter(torch.tensor(float(exp["knob"]), dtype=torch.float64)) for _ in range(depth)]
            )

        def forward(self, x, keep=False):
            """Returns [h_0 .. h_L] and [z_1 .. z_L]; with keep, their gradients are retained."""
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
            return hs, zs

    return MLP(), dphi


def loss_of(exp, out, y):
    batch = exp["batch"]
    if exp["loss"] == "mse":
        return ((out - y) ** 2).sum() / (2 * batch)  # (1/(2 batch)) sum ||h_L - y||^2
    return (out * y).sum() / batch  # probe: (1/batch) sum <h_L, y>


def finite(v):
    """JSON has no NaN or Infinity: print null, as JavaScript's JSON.stringify does."""
    return v if math.isfinite(v) else None


def run(exp, use_numpy=True):
    import torch

    torch.set_default_dtype(torch.float64)
    batch, width = exp["batch"], exp["width"]
    net, dphi = build(torch, exp, use_numpy)
    x = torch.tensor(make_inputs(exp), dtype=torch.float64).reshape(batch, width)
    y = torch.tensor(make_targets(exp), dtype=torch.float64).reshape(batch, width)
    hybrid = exp["act"] == "hybrid"
    params = list(net.weights) + (list(net.biases) if net.biases is not None else [])
    params += list(net.knobs) if hybrid else []
    opt = torch.optim.SGD(params, lr=exp["lr"])
    for _ in range(exp["steps"]):
        opt.zero_grad()
        hs, _ = net(x)
        loss_of(exp, hs[-1], y).backward()
        opt.step()
        with torch.no_grad():  # projected SGD
            if hybrid:
                for k in net.knobs:
                    k.clamp_(0.0, 1.0)
            if exp["nonneg"]:
                for w in net.weights:
                    w.clamp_(min=0.0)

    # The measured pass.
    opt.zero_grad()
    hs, zs = net(x, keep=True)
    loss = loss_of(exp, hs[-1], y)
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
    return {"layers": layers, "loss": finite(loss.item())}


def draws(exp, count, use_numpy=True):
    """The first "count" numbers of each seeded draw (no torch needed), to check them against the page."""
    out = {
        "w1": init_weights(exp, 1, use_numpy)[:count],
        "x": make_inputs(exp)[:count],
        "y": make_targets(exp)[:count],
    }
    if exp["sb"] > 0:
        out["b1"] = init_bias(exp, 1)[:count]
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


if __name__ == "__main__":
    main()
`;
