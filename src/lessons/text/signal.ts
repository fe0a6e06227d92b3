/**
 * Texts of scenes 1–3 (signals and gradients in plain deep nets). Each contrast is on screen at once: a step's
 * query carries its compared runs (`vs`), so ReLU, ELU and their relatives train or propagate side by side on
 * the same seed. Numbers quoted were measured with the reference engine at each step's query (seed 1), run by
 * run (the data-set step on the WASM engine the page runs too); tests/lessons/contrasts.test.ts and
 * dying-relu.test.ts check every one of them.
 */
import type { Scene } from '../scenes';

const DYING = 'depth=6&width=64&batch=128&init=he&steps=200';
const TASK = 'data=spiral&depth=16&width=32&batch=64&lr=0.1&steps=500';
const HYBRID = 'act=hybrid&knob=0.5&depth=4&width=32&batch=64';
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
            say: 'A task shows what a dead unit costs. The same deep, narrow network (16 layers of 32 units, LeCun init, the same seed) learns to tell the two arms of a spiral apart, with ReLU and with ELU: 500 steps on minibatches of 64 of the 400 training points, at learning rate 0.1. The decision-boundary panels colour the plane by the class each network predicts; the training chart shows loss, accuracy and dead units step by step.',
            tryThis:
              'Compare the two boundaries and the test accuracies, then the dead units per layer. Press play to keep training both.',
            lookFor:
              'ReLU has lost about 75 of its 512 units, one in seven, most of them in the deeper half of the network, and classifies only about two thirds of the 200 test points correctly: its boundary misses the inner turns. ELU has no dead unit and gets well over 80% right (83% to 90%: float32 and float64 engines part ways over 500 steps). A dead ReLU unit is capacity the network paid for and cannot use.',
            query: `act=relu&${TASK}&vs=act:elu`,
          },
          {
            say: 'Three copies of one network (6 layers of 64 units, He init, the same seed) train side by side for 200 steps at learning rate 0.05: ReLU, ELU, and the hybrid (1 − k)·ReLU + k·ELU, which starts as a ReLU (k = 0) and learns its own k in each layer. A unit counts as dead when its pre-activation is ≤ 0 for all 128 examples of the batch: then its slope is 0 everywhere.',
            tryThis: 'Compare the three runs’ dead units layer by layer, then their losses.',
            lookFor:
              'ReLU loses 23 of its 384 units, 8 of them in layer 3. ELU loses none: left of zero its slope α·eᶻ is small but never 0. The hybrid keeps nearly all of its units (at most 1 dead): training pushed the k of layer 5 back to about 0, a ReLU again, while in the other five layers k grew to roughly 0.3–0.9. The loss ends near 26.5 for ReLU, 17.5–18 for the hybrid and 6.8 for ELU.',
            query: `act=relu&${DYING}&lr=0.05&vs=act:elu&vs=act:hybrid`,
          },
          {
            say: 'Is it the step size? Here the ReLU network trains at three learning rates side by side.',
            tryThis:
              'Compare the dead units at 0.01, 0.05 and 0.1. Then switch the activation to ELU: the three runs follow.',
            lookFor:
              'ReLU loses a few units at 0.01 (2 to 4, by engine), 23 at 0.05 and more than 50 at 0.1: large steps push units into the region where they never fire again. ELU loses none at 0.01 or 0.05, but at 0.1 its training diverges: the weights blow up and the signal overflows (the float64 engine counts 180 units pushed so far left that eᶻ rounds to 0; in float32 the numbers become NaN). ELU makes death rarer, not impossible.',
            query: `act=relu&${DYING}&lr=0.01&vs=lr:0.05&vs=lr:0.1`,
          },
          {
            say: 'The hybrid activation is (1 − k)·ReLU + k·ELU, and each layer learns its own k. Right of zero ReLU and ELU are the same line, so k only changes φ for negative pre-activations: its gradient comes from them alone.',
            tryThis:
              'Three untrained hybrid networks (k = 0.5): non-negative weights with input mean 3, so every pre-activation is positive; the same with input mean 0; signed weights with input mean 3. Read ∂L/∂k of each run.',
            lookFor:
              'With non-negative weights and input mean 3 the knob gradient of every layer is exactly 0. At input mean 0 it is alive again in every layer, and with signed weights too: shifting the input does not make every pre-activation positive when some weights are negative.',
            query: `${HYBRID}&nonneg=1&in_mean=3&vs=in_mean:0&vs=nonneg:0`,
          },
        ],
      },
      zh: {
        title: 'ReLU 的“死亡”与 ReLU↔ELU 旋钮',
        intro:
          '如果一个 ReLU 单元对每个样本的输入都是负的，它的输出就恒为 0，回传的梯度也恰好是 0。这个单元不再学习，光靠梯度下降也救不回来。ELU 在零点左侧保留了一点斜率，所以它的单元总能收到一些梯度。',
        steps: [
          {
            say: '放到一个任务上，就能看出死亡单元的代价。同一个又深又窄的网络（16 层、每层 32 个单元、LeCun 初始化、同一个随机种子）分别用 ReLU 和 ELU 学习区分螺旋的两条臂：在 400 个训练点中每次取 64 个组成小批次，以学习率 0.1 训练 500 步。决策边界面板按每个网络预测的类别给平面着色；训练图逐步显示损失、准确率和死亡单元数。',
            tryThis: '比较两条决策边界和两个测试准确率，再逐层比较死亡单元数。按“播放”让两个网络继续训练。',
            lookFor:
              'ReLU 的 512 个单元死了大约 75 个，约七分之一，大多在网络较深的那一半；它只答对 200 个测试点中的三分之二左右：它的边界漏掉了螺旋里面的几圈。ELU 没有一个死亡单元，答对率远超 80%（83% 到 90%：经过 500 步，float32 和 float64 引擎的结果会逐渐分开）。死掉的 ReLU 单元是网络花了代价却用不上的容量。',
          },
          {
            say: '同一个网络（6 层、每层 64 个单元、He 初始化、同一个随机种子）复制三份，以学习率 0.05 并排训练 200 步：ReLU、ELU，以及混合激活 (1 − k)·ReLU + k·ELU。混合激活从 ReLU（k = 0）出发，每一层学习自己的 k。如果某个单元在一个批次的全部 128 个样本上预激活都 ≤ 0，它的斜率处处为 0，我们就称它为死亡单元。',
            tryThis: '逐层比较三次运行的死亡单元数，再比较它们的损失。',
            lookFor:
              'ReLU 的 384 个单元死了 23 个，其中 8 个在第 3 层。ELU 一个也没有死：它在零点左侧的斜率 α·eᶻ 虽小，却永远不是 0。混合激活几乎保住了全部单元（至多死 1 个）：其余五层的 k 增大到大约 0.3 到 0.9，但第 5 层的 k 被训练推回到 0 附近，又成了 ReLU。最终损失：ReLU 约 26.5，混合激活约 17.5 到 18，ELU 约 6.8。',
          },
          {
            say: '是步长的问题吗？这里同一个 ReLU 网络以三种学习率并排训练。',
            tryThis:
              '比较学习率 0.01、0.05 和 0.1 下的死亡单元数。然后把激活函数换成 ELU：三次运行会一起换。',
            lookFor:
              'ReLU 在 0.01 时死几个单元（因引擎而异，2 到 4 个），0.05 时 23 个，0.1 时超过 50 个：步子迈得太大，会把单元推到再也不会被激活的区域。ELU 在 0.01 和 0.05 时一个也没有死，但到 0.1 训练发散：权重爆炸，信号溢出（float64 引擎统计到 180 个单元被推到极远的左侧、eᶻ 下溢成 0；在 float32 下数值变成 NaN）。ELU 让死亡更少见，但并不能杜绝。',
          },
          {
            say: '混合激活函数是 (1 − k)·ReLU + k·ELU，每一层学习自己的 k。零点右侧 ReLU 和 ELU 是同一条直线，k 只影响负的预激活，所以它的梯度也只来自负的预激活。',
            tryThis:
              '三个未训练的混合激活网络（k = 0.5）：非负权重、输入均值 3，此时所有预激活都为正；同样的网络、输入均值 0；有正有负的权重、输入均值 3。读出每次运行的 ∂L/∂k。',
            lookFor:
              '非负权重、输入均值为 3 时，每一层旋钮的梯度都恰好是 0。输入均值为 0 时，每一层的梯度又出现了；权重有正有负时也一样：只要有负的权重，平移输入并不能让所有预激活都变成正的。',
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
            say: 'Here 30 time steps share one weight matrix (LeCun init), and three activations run on the same weights: ReLU, ELU and SELU. The gradient chart shows the size of the gradient at each step (layer). ReLU’s average slope is E[φ′] = ½, and χ₁ = σ_w²·E[φ′²] = ½ is the factor by which the squared gradient shrinks per step.',
            tryThis: 'Follow each run’s gradient norm from the last step back to the first.',
            lookFor:
              'ReLU’s shrinks by about √χ₁ ≈ 0.7 per step: 29 steps back it is about 10⁻⁴ of its size at the output. ELU’s slope is close to 1 for the small signals of this network: its gradient still reaches the first step at about a fifth of its size. SELU keeps its signal’s variance near 1 and its gradient does not fade at all: at the first step it is about twice its size at the output.',
            query: `act=relu&${TIED}&vs=act:elu&vs=act:selu`,
          },
          {
            say: 'SiLU has the same average slope as ReLU, ½. But its slope at 0 is ½, and in this network the signals quickly become tiny, so every slope is close to ½: E[φ′²] ≈ ¼ and χ₁ ≈ ¼.',
            tryThis: 'Compare SiLU with ReLU.',
            lookFor:
              'SiLU’s gradient vanishes much faster: below 10⁻⁸ at the first step, against ReLU’s 10⁻⁴. It is χ₁, the mean squared slope, that predicts this, not the average slope.',
            query: `act=silu&${TIED}&vs=act:relu`,
          },
          {
            say: 'The weight scale matters as much as the activation: He init doubles σ_w², which makes up for ReLU’s average slope of ½ and makes its χ₁ exactly 1.',
            tryThis: 'Compare ReLU with He init and with LeCun init.',
            lookFor:
              'With He init ReLU’s gradient stays within a small factor of its value at the output (about 2.5 times at the first step); with LeCun init it falls to 10⁻⁴.',
            query: `act=relu&init=he&${TIED}&vs=init:lecun`,
          },
          {
            say: 'He init is made for ReLU’s slope of ½. ELU and SELU already have slopes near 1, so doubling σ_w² gives them too much.',
            tryThis: 'Compare ReLU, ELU and SELU, all with He init.',
            lookFor:
              'Going back to the first step, ReLU’s gradient grows to about 2.5 times its value at the output, ELU’s to about 12 times and SELU’s to about 75 times: with He init, the gradients of ELU and SELU explode.',
            query: `act=relu&init=he&${TIED}&vs=act:elu&vs=act:selu`,
          },
        ],
      },
      zh: {
        title: '随时间反向传播的梯度',
        intro:
          '把循环神经网络沿时间展开 T 步，就得到一个每层共用同一个权重矩阵的深层网络。梯度每往回传一步，都要乘以权重和这一步的 φ′，所以激活函数的斜率决定了网络能学到多久以前的信息。',
        steps: [
          {
            say: '这里 30 个时间步共用一个权重矩阵（LeCun 初始化），三种激活函数在同一组权重上运行：ReLU、ELU 和 SELU。梯度图显示每一步（每一层）的梯度大小。ReLU 的平均斜率 E[φ′] = ½，χ₁ = σ_w²·E[φ′²] = ½ 是梯度平方每一步缩小的倍数。',
            tryThis: '沿着每次运行的梯度范数，从最后一步往前看到第一步。',
            lookFor:
              'ReLU 的梯度每往前一步大约缩小为 √χ₁ ≈ 0.7 倍：往前 29 步时，只剩输出端的万分之一左右。这个网络里的信号很小，而输入很小时 ELU 的斜率接近 1：它的梯度传到第一步时仍有输出端的五分之一左右。SELU 把信号的方差保持在 1 附近，梯度完全没有衰减：到第一步时约为输出端的两倍。',
          },
          {
            say: 'SiLU 的平均斜率和 ReLU 一样是 ½。但它在 0 处的斜率就是 ½，而这个网络里的信号很快变得非常小，所以每个斜率都接近 ½：E[φ′²] ≈ ¼，χ₁ ≈ ¼。',
            tryThis: '比较 SiLU 和 ReLU。',
            lookFor:
              'SiLU 的梯度消失得快得多：到第一步已不足 10⁻⁸，而 ReLU 还有 10⁻⁴。能预测这一点的是 χ₁，即斜率平方的均值，而不是平均斜率。',
          },
          {
            say: '权重的尺度和激活函数同样重要：He 初始化把 σ_w² 翻倍，正好补上 ReLU 的平均斜率 ½，使它的 χ₁ 恰好等于 1。',
            tryThis: '比较 He 初始化和 LeCun 初始化下的 ReLU。',
            lookFor:
              '用 He 初始化时，ReLU 的梯度基本保持在输出端的量级（到第一步约为 2.5 倍）；用 LeCun 初始化时则降到 10⁻⁴。',
          },
          {
            say: 'He 初始化是为 ReLU 的斜率 ½ 设计的。ELU 和 SELU 的斜率本来就接近 1，σ_w² 再翻倍就太大了。',
            tryThis: '比较都用 He 初始化的 ReLU、ELU 和 SELU。',
            lookFor:
              '往回传到第一步时，ReLU 的梯度增大到输出端的约 2.5 倍，ELU 约 12 倍，SELU 约 75 倍：用 He 初始化时，ELU 和 SELU 的梯度会爆炸。',
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
            say: 'The inputs have variance 0.1, far too small. Three networks with LeCun init and the same weights run side by side: SELU, ELU and ReLU. The variance panel of the signal chart shows each layer’s variance; each dot in the (μ, ν) plane is one layer’s mean and variance in the SELU network.',
            tryThis: 'Follow each run’s variance from the first layer to the last.',
            lookFor:
              'SELU’s climbs to about 0.9 by layer 20 and its mean stays near 0: the dots walk towards the fixed point near (0, 1). ELU’s drains instead, to about 0.004 by layer 30, and ReLU’s roughly halves at every layer, to about 10⁻¹⁰.',
            query: `${SELU}&in_std=0.316&vs=act:elu&vs=act:relu`,
          },
          {
            say: 'Now the inputs have variance 10, far too large.',
            tryThis: 'Follow the three runs again.',
            lookFor:
              'SELU’s variance is about 6 after the first layer, about 1.2 by layer 10, and from layer 20 on it stays close to 1. ELU’s and ReLU’s start lower and keep falling, to about 0.008 and 10⁻⁸ by layer 30. Only SELU pulls the variance back to 1.',
            query: `${SELU}&in_std=3.162&vs=act:elu&vs=act:relu`,
          },
          {
            say: 'The fixed point needs both the right weight scale and the right λ and α. Beside the SELU network of the last step: the same with He init, and the same with α = 1.',
            tryThis: 'Compare the three variances at layer 30.',
            lookFor:
              'The original stays near 1 (about 0.93). With He init the variance grows without bound, to hundreds by layer 30. With α = 1 it drains towards 0, to about 0.03. Either change breaks self-normalisation.',
            query: `${SELU}&in_std=3.162&vs=init:he&vs=alpha:1`,
          },
          {
            say: 'Is LeCun’s σ_w = 1 special for SELU, or just one good value? The sweep runs 55 SELU networks of 30 layers of 128 units: σ_w from 0.8 to 1.3 across, the inputs’ standard deviation from 0.3 to 3 up (log spacing). Each cell is coloured by the variance of its last layer: white is 1, blue below, vermillion above. The black line is the theory’s edge of chaos (χ = 1), where gradients neither grow nor shrink layer by layer.',
            tryThis:
              'Read the column at σ_w = 1 from bottom to top, then the columns beside it. Click a cell to open its network in the charts.',
            lookFor:
              'At σ_w = 1 the last layer’s variance is 0.92 to 0.93 whatever the inputs’ standard deviation: the network forgets the scale its signal started at. At σ_w = 0.9 it drains to about 0.44, at 1.1 it grows to about 1.8, and at 1.3 to between 13 and 17: the fixed point near 1 needs σ_w² = 1. The theory’s edge runs left of that column, from σ_w ≈ 0.8 for small inputs to about 0.96 for inputs of standard deviation 3: at its fixed point SELU is slightly on the chaotic side (χ ≈ 1.07).',
            query: `${SELU}&sx=sw:0.8:1.3:11&sy=in_std:0.3:3:5log&metric=var`,
          },
        ],
      },
      zh: {
        title: 'SELU 的自归一化',
        intro:
          'SELU 就是把 ELU 乘上 λ ≈ 1.0507，并取 α ≈ 1.6733。这两个数是精心挑选的：配合 LeCun 初始化的权重，每一层都会把信号的均值和方差往 (0, 1) 拉。这样，深层 SELU 网络不用批归一化，信号也能保持在合适的范围内。',
        steps: [
          {
            say: '输入的方差只有 0.1，明显偏小。三个使用 LeCun 初始化、权重相同的网络并排运行：SELU、ELU 和 ReLU。信号图的方差面板显示每一层的方差；(μ, ν) 平面上的每个点代表 SELU 网络一层的均值和方差。',
            tryThis: '沿着每次运行的方差，从第一层看到最后一层。',
            lookFor:
              'SELU 的方差逐层上升，到第 20 层约为 0.9，均值始终在 0 附近：这些点一步步走向 (0, 1) 附近的不动点。ELU 的方差却不断流失，到第 30 层只剩约 0.004；ReLU 的方差每层大约减半，降到 10⁻¹⁰ 左右。',
          },
          {
            say: '现在输入的方差是 10，明显偏大。',
            tryThis: '再看一遍三次运行。',
            lookFor:
              'SELU 的方差在第一层之后约为 6，到第 10 层约为 1.2，从第 20 层起一直保持在 1 附近。ELU 和 ReLU 的方差起点更低，并且一路下降，到第 30 层分别约为 0.008 和 10⁻⁸。只有 SELU 会把方差拉回 1。',
          },
          {
            say: '这个不动点既需要正确的权重尺度，也需要正确的 λ 和 α。上一步的 SELU 网络旁边是两个变体：改用 He 初始化，以及把 α 设为 1。',
            tryThis: '比较三者在第 30 层的方差。',
            lookFor:
              '原来的网络保持在 1 附近（约 0.93）。用 He 初始化时方差不断增大，到第 30 层已有几百；α = 1 时方差则逐渐衰减到 0，只剩约 0.03。两种改动都会破坏自归一化。',
          },
          {
            say: '对 SELU 来说，LeCun 的 σ_w = 1 是特别的，还是只是众多好取值之一？下面的扫描运行 55 个 SELU 网络，每个 30 层、每层 128 个单元：横向是 σ_w，从 0.8 到 1.3；纵向是输入的标准差，从 0.3 到 3（对数间隔）。每个格子按最后一层的方差着色：白色为 1，小于 1 为蓝色，大于 1 为朱红色。黑线是理论给出的混沌边缘（χ = 1），在那里梯度逐层既不增大也不缩小。',
            tryThis: '从下往上看 σ_w = 1 这一列，再看它两侧的列。点击一个格子，即可在图表中打开它的网络。',
            lookFor:
              '在 σ_w = 1 时，无论输入的标准差是多少，最后一层的方差都在 0.92 到 0.93 之间：网络忘掉了信号起初的尺度。σ_w = 0.9 时方差衰减到约 0.44，1.1 时增大到约 1.8，1.3 时达到 13 到 17：1 附近的不动点要求 σ_w² = 1。理论的混沌边缘在这一列的左侧：输入很小时在 σ_w ≈ 0.8，输入标准差为 3 时约为 0.96。在自己的不动点上，SELU 略微偏向混沌一侧（χ ≈ 1.07）。',
          },
        ],
      },
    },
  },
];
