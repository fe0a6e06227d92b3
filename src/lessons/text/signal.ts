/**
 * Texts of scenes 1–3 (signals and gradients in plain deep nets). Numbers quoted were measured with the
 * reference engine at each step's query (seed 1): see the report of issue 7 for the table.
 */
import type { Scene } from '../scenes';

const DYING = 'depth=6&width=64&batch=128&init=he&steps=200';
const TIED = 'tied=1&depth=30&width=64&batch=64&loss=probe';
const SELU = 'act=selu&depth=30&width=128&batch=128';

/** Scenes 1–3: dying ReLU and the knob, gradients through time, SELU's self-normalisation. */
export const SIGNAL_SCENES: readonly Scene[] = [
  {
    id: 'dying-relu',
    text: {
      en: {
        title: 'Dying ReLU and the ReLU↔ELU knob',
        intro:
          'A ReLU unit whose input is negative for every example outputs 0 and sends back a gradient of exactly 0. It has stopped learning, and gradient descent alone cannot wake it up. ELU keeps a small slope left of zero, so its units always get some gradient.',
        steps: [
          {
            say: 'This ReLU network has 6 layers of 64 units. A unit counts as dead when its pre-activation is ≤ 0 for all 128 examples of the batch: then its slope is 0 everywhere.',
            tryThis: 'Train 200 steps at learning rate 0.01, then again at 0.05.',
            lookFor:
              'At 0.01 almost no unit dies. At 0.05 the dead count climbs to a few in most layers: large steps push units into the region where they never fire again.',
            query: `act=relu&${DYING}&lr=0.05`,
          },
          {
            say: 'Now the same network with ELU. Left of zero ELU is α(eᶻ − 1), whose slope α·eᶻ is small but never 0 for ordinary inputs.',
            tryThis: 'Switch the activation to ELU and train at 0.05 again.',
            lookFor:
              'No dead unit in any layer, and a lower loss than ReLU reached. Push the learning rate to 0.1 and ELU fails too: training diverges, the weights blow up, and units land so far left that eᶻ rounds to 0. ELU makes death rarer, not impossible.',
            query: `act=elu&${DYING}&lr=0.05`,
          },
          {
            say: 'The hybrid activation is (1 − k)·ReLU + k·ELU, and each layer learns its own k. Right of zero ReLU and ELU are the same line, so k only changes φ for negative pre-activations: its gradient comes from them alone.',
            tryThis:
              'With non-negative weights, set the input mean to 3 so every pre-activation is positive. Then set it back to 0.',
            lookFor:
              'At input mean 3 the knob gradient of every layer is exactly 0. At 0 it is alive again. (With signed weights, shifting the input is not enough: about half the units then see only negative inputs.)',
            query: 'act=hybrid&knob=0.5&depth=4&width=32&batch=64&nonneg=1&in_mean=3',
          },
        ],
      },
      zh: {
        title: 'ReLU 的“死亡”与 ReLU↔ELU 旋钮',
        intro:
          '如果一个 ReLU 单元对每个样本的输入都是负的，它的输出就恒为 0，回传的梯度也恰好是 0。这个单元不再学习，光靠梯度下降也救不回来。ELU 在零点左侧保留了一点斜率，所以它的单元总能收到一些梯度。',
        steps: [
          {
            say: '这是一个 6 层、每层 64 个单元的 ReLU 网络。如果某个单元在一个批次的全部 128 个样本上预激活都 ≤ 0，它的斜率处处为 0，我们就称它为死亡单元。',
            tryThis: '先用学习率 0.01 训练 200 步，再用 0.05 训练一次。',
            lookFor:
              '学习率 0.01 时几乎没有单元死亡；到了 0.05，大多数层都会出现几个死亡单元。步子迈得太大，会把单元推到再也不会被激活的区域。',
          },
          {
            say: '同样的网络换成 ELU。ELU 在零点左侧是 α(eᶻ − 1)，斜率 α·eᶻ 虽然小，但对正常的输入永远不会是 0。',
            tryThis: '把激活函数换成 ELU，仍用学习率 0.05 训练。',
            lookFor:
              '没有任何一层出现死亡单元，损失也比 ReLU 更低。把学习率提到 0.1，ELU 也会失败：训练发散，权重爆炸，单元落到极远的左侧，eᶻ 下溢成 0。ELU 让死亡更少见，但并不能杜绝。',
          },
          {
            say: '混合激活函数是 (1 − k)·ReLU + k·ELU，每一层学习自己的 k。零点右侧 ReLU 和 ELU 是同一条直线，k 只影响负的预激活，所以它的梯度也只来自负的预激活。',
            tryThis: '在非负权重下，把输入均值设为 3，让所有预激活都为正；然后再把均值改回 0。',
            lookFor:
              '输入均值为 3 时，每一层旋钮的梯度都恰好是 0；改回 0 后梯度又出现了。（如果权重有正有负，只平移输入是不够的：大约一半单元收到的反而全是负输入。）',
          },
        ],
      },
    },
  },
  {
    id: 'gradients-through-time',
    text: {
      en: {
        title: 'Gradients through time',
        intro:
          'A recurrent network unrolled over T time steps is a deep network in which every layer uses the same weight matrix. Each step back in time multiplies the gradient by the weights and by φ′ at that step, so the activation’s slope decides how far back the network can learn.',
        steps: [
          {
            say: 'Here 30 time steps share one weight matrix (LeCun init). The plot shows the size of the gradient at each time lag. Beside it: ReLU’s average slope E[φ′] = ½ and χ₁ = σ_w²·E[φ′²] = ½, the factor by which the squared gradient shrinks per step.',
            tryThis: 'Look at the gradient norm from the last step back to the first.',
            lookFor:
              'It shrinks by roughly √χ₁ ≈ 0.7 per step: 29 steps back it is about 10⁻⁴ of its size at the output.',
            query: `act=relu&${TIED}`,
          },
          {
            say: 'ELU’s slope is close to 1 for small inputs, and in this network the signals become small: χ₁ is close to 1.',
            tryThis: 'Switch to ELU.',
            lookFor: 'The gradient still reaches the first step at about a fifth of its size at the output.',
            query: `act=elu&${TIED}`,
          },
          {
            say: 'SiLU has the same average slope as ReLU, ½. But its slope at 0 is ½, and in this network the signals quickly become tiny, so every slope is close to ½: E[φ′²] ≈ ¼ and χ₁ ≈ ¼.',
            tryThis: 'Switch to SiLU.',
            lookFor:
              'The gradient vanishes fastest of the three, below 10⁻⁸ at the first step. It is χ₁, the mean squared slope, that predicts this, not the average slope.',
            query: `act=silu&${TIED}`,
          },
          {
            say: 'The weight scale matters as much as the activation: He init doubles σ_w², which makes ReLU’s χ₁ exactly 1.',
            tryThis: 'Set init to He and compare ReLU, ELU and SiLU again.',
            lookFor:
              'ReLU’s gradient now stays within a small factor of its output value, ELU’s grows about tenfold going back, and SiLU’s still fades.',
            query: `act=relu&init=he&${TIED}`,
          },
        ],
      },
      zh: {
        title: '随时间反向传播的梯度',
        intro:
          '把循环神经网络沿时间展开 T 步，就得到一个每层共用同一个权重矩阵的深层网络。梯度每往回传一步，都要乘以权重和这一步的 φ′，所以激活函数的斜率决定了网络能学到多久以前的信息。',
        steps: [
          {
            say: '这里 30 个时间步共用一个权重矩阵（LeCun 初始化）。图中是梯度大小随时间间隔的变化。旁边列出了 ReLU 的平均斜率 E[φ′] = ½，以及 χ₁ = σ_w²·E[φ′²] = ½，也就是梯度平方每一步缩小的倍数。',
            tryThis: '从最后一步往前看梯度范数的变化。',
            lookFor: '每往前一步大约缩小为 √χ₁ ≈ 0.7 倍：往前 29 步时，只剩输出端的万分之一左右。',
          },
          {
            say: '输入很小时，ELU 的斜率接近 1；这个网络里的信号恰好会变小，所以 χ₁ 接近 1。',
            tryThis: '换成 ELU。',
            lookFor: '梯度传到第一步时仍有输出端的五分之一左右。',
          },
          {
            say: 'SiLU 的平均斜率和 ReLU 一样是 ½。但它在 0 处的斜率就是 ½，而这个网络里的信号很快变得非常小，所以每个斜率都接近 ½：E[φ′²] ≈ ¼，χ₁ ≈ ¼。',
            tryThis: '换成 SiLU。',
            lookFor:
              '三者中梯度消失得最快，到第一步已不足 10⁻⁸。能预测这一点的是 χ₁，即斜率平方的均值，而不是平均斜率。',
          },
          {
            say: '权重的尺度和激活函数同样重要：He 初始化把 σ_w² 翻倍，使 ReLU 的 χ₁ 恰好等于 1。',
            tryThis: '把初始化改成 He，再比较 ReLU、ELU 和 SiLU。',
            lookFor:
              'ReLU 的梯度现在基本保持在输出端的量级，ELU 的梯度往回传时放大约十倍，SiLU 的梯度仍在衰减。',
          },
        ],
      },
    },
  },
  {
    id: 'selu',
    text: {
      en: {
        title: 'SELU normalises itself',
        intro:
          'SELU is ELU scaled by λ ≈ 1.0507 with α ≈ 1.6733. These two numbers are chosen so that, with LeCun-initialised weights, every layer pulls the mean and variance of its signal towards (0, 1). A deep SELU network keeps its signals in a healthy range without batch normalisation.',
        steps: [
          {
            say: 'The inputs have variance 0.1, far too small. Each dot in the (μ, ν) plane is one layer’s mean and variance.',
            tryThis: 'Follow the layers from first to last.',
            lookFor:
              'The variance climbs layer by layer to about 0.9 by layer 20, and the mean stays near 0: the dots walk towards the fixed point near (0, 1).',
            query: `${SELU}&in_std=0.316`,
          },
          {
            say: 'Now the inputs have variance 10, far too large.',
            tryThis: 'Follow the layers again.',
            lookFor:
              'After the first layer the variance is about 6, by layer 10 about 1.2, and from layer 20 on it stays close to 1.',
            query: `${SELU}&in_std=3.162`,
          },
          {
            say: 'The fixed point needs both the right weight scale and the right λ and α.',
            tryThis: 'Set init to He. Then go back to LeCun and set α to 1.',
            lookFor:
              'With He init the variance grows without bound, to hundreds by layer 30. With α = 1 it drains towards 0. Either change breaks self-normalisation.',
            query: `${SELU}&in_std=3.162&init=he`,
          },
        ],
      },
      zh: {
        title: 'SELU 的自归一化',
        intro:
          'SELU 就是把 ELU 乘上 λ ≈ 1.0507，并取 α ≈ 1.6733。这两个数是精心挑选的：配合 LeCun 初始化的权重，每一层都会把信号的均值和方差往 (0, 1) 拉。这样，深层 SELU 网络不用批归一化，信号也能保持在合适的范围内。',
        steps: [
          {
            say: '输入的方差只有 0.1，明显偏小。(μ, ν) 平面上的每个点代表一层的均值和方差。',
            tryThis: '从第一层看到最后一层。',
            lookFor:
              '方差逐层上升，到第 20 层约为 0.9，均值始终在 0 附近：这些点一步步走向 (0, 1) 附近的不动点。',
          },
          {
            say: '现在输入的方差是 10，明显偏大。',
            tryThis: '再逐层看一遍。',
            lookFor: '第一层之后方差约为 6，到第 10 层约为 1.2，从第 20 层起一直保持在 1 附近。',
          },
          {
            say: '这个不动点既需要正确的权重尺度，也需要正确的 λ 和 α。',
            tryThis: '把初始化改成 He；然后改回 LeCun，并把 α 设为 1。',
            lookFor:
              '用 He 初始化时方差不断增大，到第 30 层已有几百；α = 1 时方差则逐渐衰减到 0。两种改动都会破坏自归一化。',
          },
        ],
      },
    },
  },
];
