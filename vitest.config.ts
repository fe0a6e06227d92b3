import { defineConfig } from 'vitest/config';

// Three projects. As in TypeGPU: fast Node tests, and tests that drive real headless Chromium against the
// built app (tests/browser, run after `vite build`). And `deno`: the WebGPU engine on a second WebGPU
// implementation (Deno's wgpu + naga on Mesa's lavapipe, tests/gpu/deno), kept out of `unit` because it
// needs a system Vulkan driver and keeps a core busy for ~25 s.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**', 'tests/gpu/deno/**'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'deno',
          include: ['tests/gpu/deno/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
    ],
  },
});
