"""A tiny numpy stand-in for the part of PyTorch the exported script uses, for machines without torch.

Test scaffolding only (tests/engine/export/pytorch.test.ts): float64 tensors with a tape-based reverse mode
(matmul, +, -, *, /, ** 2, sum, log_softmax), custom autograd Functions, retain_grad, Parameter/ParameterList/Module and
plain SGD. It runs the script's own network, training loop and statistics code end to end; it does not prove
the script runs on real torch (that test runs where torch is installed).
"""
import numpy as np

from . import autograd, nn, optim  # noqa: F401

float64 = np.float64
_grad = [True]


class no_grad:
    def __enter__(self):
        self.prev = _grad[0]
        _grad[0] = False

    def __exit__(self, *args):
        _grad[0] = self.prev


def set_default_dtype(_dtype):
    pass


def _data(x):
    return x.data if isinstance(x, Tensor) else x


def _unbroadcast(g, shape):
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for i, n in enumerate(shape):
        if n == 1 and g.shape[i] != 1:
            g = g.sum(axis=i, keepdims=True)
    return g


class Tensor:
    def __init__(self, data, requires_grad=False):
        self.data = np.asarray(data)
        if self.data.dtype.kind in "iuf":
            self.data = self.data.astype(np.float64)
        self.requires_grad = requires_grad
        self.grad = None
        self._parents = ()  # (tensor, function of the output gradient giving its gradient)
        self._retain = False

    # --- graph -------------------------------------------------------------------------------------------
    @staticmethod
    def _make(data, parents):
        out = Tensor(data)
        live = tuple((p, f) for p, f in parents if isinstance(p, Tensor) and p.requires_grad)
        if _grad[0] and live:
            out.requires_grad = True
            out._parents = live
        return out

    def retain_grad(self):
        self._retain = True

    def backward(self):
        order, seen = [], set()

        def visit(t):
            if id(t) in seen:
                return
            seen.add(id(t))
            for p, _ in t._parents:
                visit(p)
            order.append(t)

        visit(self)
        grads = {id(self): np.ones_like(self.data)}
        for t in reversed(order):
            g = grads.pop(id(t), None)
            if g is None:
                continue
            if not t._parents or t._retain:
                t.grad = Tensor(g if t.grad is None else t.grad.data + g)
            for p, f in t._parents:
                pg = f(g)
                if pg is not None:
                    grads[id(p)] = grads[id(p)] + pg if id(p) in grads else pg

    def detach(self):
        return Tensor(self.data)

    # --- arithmetic --------------------------------------------------------------------------------------
    def __matmul__(self, o):
        a, b = self.data, o.data
        return Tensor._make(a @ b, ((self, lambda g: g @ b.T), (o, lambda g: a.T @ g)))

    def __add__(self, o):
        a, b = self.data, _data(o)
        return Tensor._make(
            a + b, ((self, lambda g: _unbroadcast(g, a.shape)), (o, lambda g: _unbroadcast(g, np.shape(b))))
        )

    __radd__ = __add__

    def __sub__(self, o):
        a, b = self.data, _data(o)
        return Tensor._make(
            a - b, ((self, lambda g: _unbroadcast(g, a.shape)), (o, lambda g: -_unbroadcast(g, np.shape(b))))
        )

    def __rsub__(self, o):
        return Tensor(o) - self

    def __mul__(self, o):
        a, b = self.data, _data(o)
        return Tensor._make(
            a * b,
            ((self, lambda g: _unbroadcast(g * b, a.shape)), (o, lambda g: _unbroadcast(g * a, np.shape(b)))),
        )

    __rmul__ = __mul__

    def __truediv__(self, o):
        a, b = self.data, _data(o)
        assert not isinstance(o, Tensor), "division by a tensor is not needed"
        return Tensor._make(a / b, ((self, lambda g: g / b),))

    def __pow__(self, n):
        a = self.data
        return Tensor._make(a**n, ((self, lambda g: g * n * a ** (n - 1)),))

    def __neg__(self):
        return self * -1.0

    def sum(self):
        a = self.data
        return Tensor._make(a.sum(), ((self, lambda g: np.broadcast_to(g, a.shape).copy()),))

    def log_softmax(self, dim):
        a = self.data
        shifted = a - a.max(axis=dim, keepdims=True)
        out = shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True))
        p = np.exp(out)
        return Tensor._make(out, ((self, lambda g: g - p * g.sum(axis=dim, keepdims=True)),))

    # --- no-grad helpers ---------------------------------------------------------------------------------
    def __getitem__(self, rows):
        return Tensor(self.data[np.asarray(rows)])

    def tolist(self):
        return self.data.tolist()

    def mean(self):
        return Tensor(self.data.mean())

    def abs(self):
        return Tensor(np.abs(self.data))

    def all(self, dim):
        return Tensor(self.data.all(axis=dim))

    def item(self):
        return self.data.item()

    def reshape(self, *shape):
        return Tensor(self.data.reshape(*shape), self.requires_grad)

    @property
    def T(self):
        return Tensor(self.data.T)

    def clamp_(self, min=None, max=None):
        self.data = np.clip(self.data, min, max)
        return self

    def __gt__(self, o):
        return Tensor(self.data > _data(o))

    def __ge__(self, o):
        return Tensor(self.data >= _data(o))

    def __lt__(self, o):
        return Tensor(self.data < _data(o))

    def __eq__(self, o):
        return Tensor(self.data == _data(o))

    __hash__ = object.__hash__


def tensor(values, dtype=None):
    return Tensor(np.array(values, dtype=np.float64))


def eye(n, dtype=None):
    return Tensor(np.eye(n))


def where(c, a, b):
    return Tensor(np.where(_data(c), _data(a), _data(b)))


def exp(z):
    return Tensor(np.exp(_data(z)))


def expm1(z):
    return Tensor(np.expm1(_data(z)))


def sqrt(z):
    return Tensor(np.sqrt(_data(z)))


def sigmoid(z):
    z = _data(z)
    e = np.exp(-np.abs(z))
    return Tensor(np.where(z >= 0, 1 / (1 + e), e / (1 + e)))


def zeros_like(z):
    return Tensor(np.zeros_like(_data(z)))


def ones_like(z):
    return Tensor(np.ones_like(_data(z)))


def full_like(z, v):
    return Tensor(np.full_like(_data(z), v))
