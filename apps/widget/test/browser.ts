import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM = process.env.WARMDESK_CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots land here (gitignored) to look at after a run. */
export const ARTIFACTS = fileURLToPath(new URL('../../../artifacts/', import.meta.url));

export type TestBrowser = {
  browser: Browser;
  /** A fresh profile: no storage, cookies or cache from another test. */
  newContext: (options?: { width: number; height: number }) => Promise<BrowserContext>;
  screenshot: (page: Page, name: string) => Promise<string>;
  close: () => Promise<void>;
};

/**
 * Chromium for calls: a fake camera and microphone (a test pattern and a beep) granted without a prompt, and peer
 * connections allowed over loopback. No ICE servers are configured, so media flows between host candidates.
 */
export const MEDIA_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

/** Debian's chromium with the flags tests and benchmarks use here (no sandbox as root, no network chatter). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export async function launchBrowser(extraArgs: string[] = []): Promise<TestBrowser> {
  const browser = await launchChromium(extraArgs);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    browser,
    newContext: (size = { width: 1280, height: 800 }) => browser.newContext({ viewport: size, locale: 'en-US' }),
    screenshot: async (page, name) => {
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => browser.close(),
  };
}
