"""torch.autograd.Function for the numpy stand-in: forward without the tape, backward through ctx."""


class _Ctx:
    def save_for_backward(self, *tensors):
        self.saved_tensors = tensors


class Function:
    @classmethod
    def apply(cls, *args):
        import torch

        ctx = _Ctx()
        with torch.no_grad():
            out = cls.forward(ctx, *args)

        def grad_of(i):
            def f(g):
                grads = cls.backward(ctx, torch.Tensor(g))
                return None if grads[i] is None else grads[i].data

            return f

        return torch.Tensor._make(out.data, tuple((a, grad_of(i)) for i, a in enumerate(args)))
