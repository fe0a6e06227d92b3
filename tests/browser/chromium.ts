/**
 * Launching Debian's Chromium through playwright-core with the flags DESIGN.md gives for these machines
 * (WebGPU on SwiftShader; no background networking, which the closed network would refuse).
 */
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

/** Path of the system Chromium (override with CHROMIUM_PATH). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const BASE_FLAGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** Starts headless Chromium; `webgpu: false` starts it without `--enable-unsafe-webgpu`. */
export async function launchChromium(options: { webgpu?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run 'apt-get install -y chromium' (.ci/run does).`,
    );
  }
  const args = [...BASE_FLAGS];
  if (options.webgpu !== false) args.push('--enable-unsafe-webgpu');
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
}
