// Shared set-up of the console's browser tests: an in-process server and Debian's Chromium.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { loadScenarioSeeder } from '../../src/scenarios/scenario-seeder.ts';
import { startServer, type RunningServer } from '../../src/server.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.resolve('test-output/screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium" (.ci/run does).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The simulator on a free port, in memory, with the scenario files available to "Load". */
export async function startConsoleServer(): Promise<RunningServer> {
  return startServer({ port: 0, dataDir: null, scenarios: loadScenarioSeeder() });
}

/** A sandbox of its own for a test file (POST /__sim/sandboxes, as any client would). */
export async function createSandbox(
  server: RunningServer,
  body: { name: string; seed?: 'demo' | 'empty'; from?: string },
): Promise<void> {
  const res = await fetch(`${server.url}/__sim/sandboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`creating sandbox ${body.name}: ${res.status} ${await res.text()}`);
}

/** Clicks a submit button and waits for the redirect-after-post page. */
export async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

export async function screenshot(page: Page, name: string, docsCopy?: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (docsCopy && process.env.UPDATE_DOCS_SCREENSHOT === '1')
    await page.screenshot({ path: path.resolve(docsCopy), fullPage: true });
  return file;
}

/** Visible text of an element, whitespace collapsed. */
export async function text(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the visible text this means
  return ((await locator.innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`, as a keyboard user would;
 * fails after `max` presses. Returns how many presses it took.
 */
export async function tabTo(page: Page, selector: string, { back = false, max = 80 } = {}): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`no Tab stop matching ${selector} within ${max} presses (focus on ${at})`);
}

/** Presses a key on the focused element and waits for the page it leads to. */
export async function pressAndWait(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.keyboard.press(key)]);
}

/** The document's overflow past the viewport's width, in CSS pixels (0 when none). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Text a user sees (details closed stay closed), whitespace collapsed. */
export async function visibleText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the visible text this means
  return ((await page.locator('main').innerText()) ?? '').replace(/\s+/g, ' ').trim();
}
