/**
 * Texts of scenes 4–7 (what the left side of zero does to structure: graphs, monotone and convex networks,
 * a learned PDE solver). Their numbers come from src/lessons/models at the models' defaults (seed 1):
 * heterophily.ts (400 nodes, degree 8, noise 0.5), monotone.ts, icnn.ts, pde.ts (m = 32, g = 1, h = 1).
 * No engine queries: these scenes run the lesson models, whose controls (activation, α, h, Δt…) are the
 * lesson's own.
 */
import type { Scene } from '../scenes';

/** Scenes 4–7: heterophily, monotone networks, input-convex networks, learned PDE-solver stability. */
export const STRUCTURE_SCENES: readonly Scene[] = [
  {
    id: 'heterophily',
    text: {
      en: {
        title: 'Signed messages on graphs (heterophily)',
        intro:
          'In a graph network each node averages the features of its neighbours: that average is the message it receives. When neighbours tend to belong to the other class (heterophily), the message points the “wrong” way, and its sign is exactly what tells a node which class its neighbours are.',
        steps: [
          {
            say: 'The graph has 400 nodes in two classes. A node’s feature is +1 or −1 by class, plus noise, and each node has 8 neighbours, a share h of them from the other class. Here h = 0.8.',
            tryThis: 'Compare ReLU and ELU on the histogram of messages before and after φ.',
            lookFor:
              'About half of the messages are negative. After ReLU none of them keeps its sign: they all become 0. After ELU every one of them stays negative.',
          },
          {
            say: 'Now read each node’s class from the sign of φ(message), flipped when neighbours mostly disagree. A node whose output is exactly 0 gives no answer and counts as a coin flip.',
            tryThis: 'Compare the read-out accuracy of ReLU and ELU at h = 0.8.',
            lookFor:
              'ELU gets nearly every node right (about 97%), as good as reading the raw message. ReLU gets about three quarters: the nodes with negative messages are lost.',
          },
          {
            say: 'Slide h from 0 to 1. At h = 0.5 neighbours are a random mix and carry no information about the class.',
            tryThis: 'Watch both accuracy curves, and try leaky ReLU too.',
            lookFor:
              'Both fall to about 50% at h = 0.5. Everywhere else ELU follows the raw messages, while ReLU loses the nodes whose messages are negative: one class below h = 0.5, the other above. Leaky ReLU also keeps every sign, but squeezes the negative side.',
          },
        ],
      },
      zh: {
        title: '图上的有符号消息（异配性）',
        intro:
          '在图神经网络中，每个节点把邻居的特征取平均，这个平均值就是它收到的消息。如果邻居大多属于另一类（异配性），消息就会指向“相反”的方向，而消息的正负号恰好告诉节点：它的邻居属于哪一类。',
        steps: [
          {
            say: '这张图有 400 个节点，分成两类。节点的特征按类别取 +1 或 −1，再加上噪声；每个节点有 8 个邻居，其中比例为 h 的邻居来自另一类。这里 h = 0.8。',
            tryThis: '对比 ReLU 和 ELU：看消息经过 φ 之前和之后的直方图。',
            lookFor:
              '大约一半的消息是负的。经过 ReLU 后，这些消息全部变成 0，符号一个也没留下；经过 ELU 后，它们全都仍是负的。',
          },
          {
            say: '现在用 φ(消息) 的正负号来判断每个节点的类别（如果邻居大多和自己不同类，就把判断反过来）。输出恰好为 0 的节点给不出答案，按抛硬币计。',
            tryThis: '在 h = 0.8 时比较 ReLU 和 ELU 的判断准确率。',
            lookFor:
              'ELU 几乎全部判断正确（约 97%），和直接读原始消息一样好；ReLU 只有四分之三左右：收到负消息的那些节点的信息丢掉了。',
          },
          {
            say: '把 h 从 0 拖到 1。h = 0.5 时邻居是随机混合的，对类别没有任何信息。',
            tryThis: '观察两条准确率曲线，也试试 Leaky ReLU。',
            lookFor:
              '在 h = 0.5 处两者都降到 50% 左右。其他位置 ELU 与原始消息的结果一致，而 ReLU 总是丢掉收到负消息的节点：h < 0.5 时是一类，h > 0.5 时是另一类。Leaky ReLU 也保留了所有符号，只是把负的一侧压扁了。',
          },
        ],
      },
    },
  },
  {
    id: 'monotone',
    text: {
      en: {
        title: 'Monotone networks',
        intro:
          'If every weight is ≥ 0 and φ never decreases, then raising any input can never lower the output: the network is monotone by construction. That matters when a model must respect common sense, such as a price that may not drop when the size of a flat grows.',
        steps: [
          {
            say: 'This network has 4 inputs, two hidden layers of 16 units and non-negative weights. The plot shows its output as input 1 sweeps from −6 to 6, the other inputs held fixed.',
            tryThis: 'Try ReLU, leaky ReLU, ELU and SELU.',
            lookFor: 'The curve never goes down: the largest decrease is exactly 0 for every one of them.',
          },
          {
            say: 'The guarantee needs both ingredients. SiLU dips below zero left of the origin, so it is not monotone.',
            tryThis: 'Allow negative weights. Then go back to non-negative weights and pick SiLU.',
            lookFor:
              'With signed weights the output clearly falls somewhere along the sweep. With SiLU the fall is small, often only a few hundredths, but it is not 0.',
          },
          {
            say: 'Now train both under the constraint: after every gradient step, negative weights are set back to 0. The target is a smooth increasing function of the four inputs; learning rate 0.5, 300 steps.',
            tryThis: 'Train ReLU, then ELU, and compare loss curves and dead units.',
            lookFor:
              'In our runs (10 seeds) ReLU lost units in 3 of them and ELU in none, and ELU ended with a lower loss every time. At learning rate 0.1 neither loses a unit. The constraint is not what kills ReLU units: without it, the same ReLU network loses even more at this rate.',
          },
        ],
      },
      zh: {
        title: '单调网络',
        intro:
          '如果所有权重都 ≥ 0，而且激活函数 φ 从不下降，那么增大任何一个输入都不会让输出变小：网络天生就是单调的。当模型必须符合常识时，这一点很重要，比如房子面积变大，估价不应该反而下降。',
        steps: [
          {
            say: '这个网络有 4 个输入、两个各 16 个单元的隐藏层，权重全部非负。图中是输入 1 从 −6 变到 6、其余输入固定时网络的输出。',
            tryThis: '试试 ReLU、Leaky ReLU、ELU 和 SELU。',
            lookFor: '曲线从不下降：对每一种激活函数，最大下降量都恰好是 0。',
          },
          {
            say: '这个保证两个条件缺一不可。SiLU 在原点左侧会先降到 0 以下，所以它不是单调的。',
            tryThis: '允许权重为负；然后恢复非负权重，改用 SiLU。',
            lookFor: '权重有正有负时，输出在扫描中明显下降；用 SiLU 时下降很小，往往只有百分之几，但不是 0。',
          },
          {
            say: '现在在约束下训练：每做一步梯度下降，就把变成负数的权重重新设为 0。目标是四个输入的一个光滑递增函数；学习率 0.5，训练 300 步。',
            tryThis: '先训练 ReLU，再训练 ELU，比较损失曲线和死亡单元。',
            lookFor:
              '在我们的 10 次运行（10 个随机种子）里，ReLU 有 3 次出现死亡单元，ELU 一次也没有，而且 ELU 每次的最终损失都更低。学习率为 0.1 时两者都没有单元死亡。杀死 ReLU 单元的并不是非负约束：去掉约束后，同样的 ReLU 网络在这个学习率下死得更多。',
          },
        ],
      },
    },
  },
  {
    id: 'icnn',
    text: {
      en: {
        title: 'Input-convex networks',
        intro:
          'An input-convex network keeps every weight from one hidden layer to the next ≥ 0 and uses an activation that is convex and never decreases. Then the output is a convex function of the input: a single valley, safe to minimise. ELU qualifies only when α ≤ 1.',
        steps: [
          {
            say: 'Left of zero ELU’s slope is α·eᶻ, which reaches α at 0; right of zero the slope is 1. A convex function’s slope may only go up.',
            tryThis: 'Move α between 0.5 and 1.5 and watch φ′ at 0.',
            lookFor:
              'For α < 1 the slope steps up at 0, for α = 1 it is continuous: convex. For α > 1 it steps down from α to 1: a concave corner.',
          },
          {
            say: 'The plot shows a small input-convex network along a straight line through input space. The midpoint test asks, for every pair of points on the line, whether f at their midpoint is at most the average of f at the two ends.',
            tryThis: 'Set α = 1, then α = 0.5.',
            lookFor: 'The worst violation is not above 0 (up to rounding): the test passes.',
          },
          {
            say: 'Now give ELU the concave corner.',
            tryThis:
              'Set α = 1.5. Then try SELU, whose left slope λα ≈ 1.76 is larger than its right slope λ ≈ 1.05.',
            lookFor:
              'The test fails with a clearly positive violation. Just above α = 1 (say 1.01) the corner is too small for this grid to catch: a test like this can prove that f is not convex, never that it is.',
          },
        ],
      },
      zh: {
        title: '输入凸神经网络',
        intro:
          '输入凸神经网络要求相邻隐藏层之间的权重全部 ≥ 0，并使用凸且不下降的激活函数。这样输出就是输入的凸函数：只有一个谷底，求最小值很安全。ELU 只有在 α ≤ 1 时才满足条件。',
        steps: [
          {
            say: 'ELU 在零点左侧的斜率是 α·eᶻ，到 0 处等于 α；零点右侧的斜率是 1。凸函数的斜率只能往上走。',
            tryThis: '在 0.5 到 1.5 之间调节 α，观察 φ′ 在 0 处的变化。',
            lookFor:
              'α < 1 时斜率在 0 处向上跳，α = 1 时斜率连续：都是凸的。α > 1 时斜率从 α 向下跳到 1：出现一个凹的拐角。',
          },
          {
            say: '图中是一个小型输入凸网络沿输入空间中一条直线的输出。中点检验对直线上的每一对点都问一句：中点处的 f 是否不超过两端 f 的平均值？',
            tryThis: '令 α = 1，再令 α = 0.5。',
            lookFor: '最大违反量不超过 0（舍入误差以内）：检验通过。',
          },
          {
            say: '现在让 ELU 带上那个凹拐角。',
            tryThis: '令 α = 1.5；再试试 SELU，它左侧的斜率 λα ≈ 1.76 大于右侧的斜率 λ ≈ 1.05。',
            lookFor:
              '检验失败，违反量明显为正。α 只比 1 大一点（比如 1.01）时，拐角太小，这个网格检测不出来：这类检验只能证明 f 不是凸的，永远不能证明它是凸的。',
          },
        ],
      },
    },
  },
  {
    id: 'pde',
    text: {
      en: {
        title: 'Stability of a learned PDE solver',
        intro:
          'A learned solver advances the heat equation by u ← u + Δt·N(u), where N applies φ at each grid point and then the discrete Laplacian. Near u = 0 it behaves like φ′(0) times the Laplacian. The rollout stays bounded only if every eigenvalue of the step’s Jacobian lies inside the unit circle (or on it).',
        steps: [
          {
            say: 'The scene runs the same solver twice, side by side: with ELU (α = 1) and with SiLU. ELU has φ′(0) = 1, so its network is the textbook explicit scheme: the Jacobian eigenvalues, measured from the network itself, are 1 − 4Δt·sin²(πk/m) for the Fourier modes k. SiLU has φ′(0) = ½, so its eigenvalues are 1 − 2Δt·sin²(πk/m).',
            tryThis: 'Set Δt = 0.4 and look at both sets of eigenvalues and both rollouts.',
            lookFor:
              'All eigenvalues lie on the real axis inside the unit circle, ELU’s down to −0.6 and SiLU’s down to 0.2; the one at exactly 1 is the average of u, which heat flow conserves. Both rollouts decay.',
          },
          {
            say: 'The fastest mode is the zig-zag pattern (k = m/2), with eigenvalue 1 − 4Δt for ELU. It leaves the circle at −1 when Δt passes 0.5.',
            tryThis: 'Raise Δt to 0.6, then to 1.1.',
            lookFor:
              'At 0.6 ELU’s spectral radius is about 1.4 and its rollout grows into a zig-zag, but ELU’s flat left side caps it at an amplitude of order 1; SiLU’s eigenvalues are still inside the circle and its rollout decays. At 1.1 both leave the circle (ELU’s at −3.4, SiLU’s at −1.2) and nothing holds them back: both rollouts grow without bound.',
          },
          {
            say: 'SiLU has φ′(0) = ½: near 0 the same network takes half-size steps, so its stability limit doubles to Δt = 1.',
            tryThis: 'Set Δt = 0.75 and compare the two.',
            lookFor:
              'ELU’s eigenvalues reach −2 and its rollout grows; SiLU’s stay inside the circle (down to −0.5) and its rollout decays. But stable is not accurate: the SiLU network also lets heat spread at half the true speed.',
          },
        ],
      },
      zh: {
        title: '学习型偏微分方程求解器的稳定性',
        intro:
          '学习型求解器用 u ← u + Δt·N(u) 推进热方程：N 先在每个网格点上作用 φ，再乘以离散拉普拉斯算子。在 u = 0 附近，它相当于 φ′(0) 乘以拉普拉斯算子。只有当每一步的雅可比矩阵的所有特征值都落在单位圆内（或圆上）时，迭代才不会发散。',
        steps: [
          {
            say: '这个场景把同一个求解器并排运行两次：一次用 ELU（α = 1），一次用 SiLU。ELU 的 φ′(0) = 1，网络正好就是教科书里的显式格式：直接从网络测得的雅可比特征值为 1 − 4Δt·sin²(πk/m)，k 是傅里叶模态。SiLU 的 φ′(0) = ½，所以它的特征值是 1 − 2Δt·sin²(πk/m)。',
            tryThis: '令 Δt = 0.4，观察两组特征值和两条迭代曲线。',
            lookFor:
              '所有特征值都在实轴上、单位圆以内，ELU 的最低到 −0.6，SiLU 的最低到 0.2；恰好等于 1 的那个对应 u 的平均值，热传导会保持它不变。两条迭代曲线都逐渐衰减。',
          },
          {
            say: '增长最快的是锯齿形模态（k = m/2），ELU 的特征值为 1 − 4Δt。Δt 超过 0.5 时，它从 −1 处跑出单位圆。',
            tryThis: '把 Δt 调到 0.6，再调到 1.1。',
            lookFor:
              'Δt = 0.6 时 ELU 的谱半径约为 1.4，迭代长出锯齿形图案，但 ELU 左侧平坦，把振幅限制在 1 的量级；SiLU 的特征值仍在圆内，迭代逐渐衰减。Δt = 1.1 时两者都跑出单位圆（ELU 到 −3.4，SiLU 到 −1.2），再也拦不住：两条迭代曲线都无限增长。',
          },
          {
            say: 'SiLU 的 φ′(0) = ½：在 0 附近，同一个网络每步只走一半，所以稳定上限翻倍，变成 Δt = 1。',
            tryThis: '令 Δt = 0.75，比较两者。',
            lookFor:
              'ELU 的特征值到达 −2，迭代不断增长；SiLU 的特征值都在圆内（最低到 −0.5），迭代逐渐衰减。但稳定不等于准确：SiLU 网络模拟出的热量扩散速度也只有真实的一半。',
          },
        ],
      },
    },
  },
];
