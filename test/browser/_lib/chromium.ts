// Finds Debian's Chromium for the browser tests and launches it headless through
// puppeteer-core (which downloads no browser of its own).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

/** True when running under CI (`CI` set to anything but empty, `0` or `false`). */
export const IN_CI = !['', '0', 'false'].includes((process.env['CI'] ?? '').toLowerCase());

/**
 * The Chromium executable: `$CHROMIUM_PATH` when set (none when that file does not exist), else `chromium` (Debian's package)
 * or `chromium-browser` on the PATH; `undefined` when there is none.
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv !== undefined && fromEnv !== '') return existsSync(fromEnv) ? fromEnv : undefined;
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return found === '' ? undefined : found;
  } catch {
    return undefined;
  }
}

/** What to tell the reader when there is no Chromium. */
export const NO_CHROMIUM =
  'Chromium is not installed, so the playground pages cannot be tested in a browser. ' +
  'Install Debian\'s package (`apt-get install -y chromium`, as .ci/run does) or set CHROMIUM_PATH. ' +
  'Outside CI these tests are skipped; under CI (CI=true) they fail.';

/** Launches headless Chromium (no sandbox: CI runs as root). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check', '--lang=en-US'],
  });
}
