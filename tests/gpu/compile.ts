/**
 * Compiles every kernel module of the WebGPU engine on a device and returns its compilation messages, for the
 * "no errors, no warnings" check on each WebGPU implementation (Tint in Chromium, naga in Deno).
 */
import { backwardKernels } from '../../src/gpu/kernels/backward';
import { biasKernel } from '../../src/gpu/kernels/bias';
import { finishKernel } from '../../src/gpu/kernels/finish';
import { forwardKernels } from '../../src/gpu/kernels/forward';
import { linearKernels } from '../../src/gpu/kernels/linear';
import { lossKernel } from '../../src/gpu/kernels/loss';
import { weightgradKernels } from '../../src/gpu/kernels/weightgrad';
import { xentKernel } from '../../src/gpu/kernels/xent';

/**
 * Each kernel's compilation messages (all types), "type line:col message", keyed by its cache key. The
 * `subgroup` matmul core is compiled only on devices with the `subgroups` feature (it needs it).
 */
export async function compileMessages(device: GPUDevice): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const subgroups = device.features.has('subgroups');
  const matmuls = [forwardKernels, backwardKernels, weightgradKernels, linearKernels]
    .flatMap((k) => Object.values(k))
    .filter((spec) => subgroups || !spec.key.endsWith('/subgroup'));
  for (const spec of [...matmuls, lossKernel, xentKernel, biasKernel, finishKernel]) {
    const module = device.createShaderModule({ label: spec.key, code: spec.code });
    const info = await module.getCompilationInfo();
    out[spec.key] = info.messages.map((m) => `${m.type} ${m.lineNum}:${m.linePos} ${m.message}`);
  }
  return out;
}
