/**
 * Browser journeys: a real Kith server on a fresh database with the demo places, and
 * Debian's Chromium driven by playwright-core. Every page a journey visits is checked
 * with axe-core against WCAG 2.2 AA and for ids used twice, a page on a screen 320px wide or
 * narrower must not scroll sideways, and any console error fails the journey.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { startKith, type RunningKith } from '../../src/server.js';

// Cheap password hashing for the many sign-ins journeys make (see people/passwords.ts).
process.env.KITH_TEST_FAST_PASSWORDS ??= '1';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'together-in-kith';
// WCAG 2.2 A and AA, and axe's best practices (landmarks, one main heading, unique
// landmark names, regions that scroll by keyboard): what a screen reader user trips on.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface Journey {
  kith: RunningKith;
  browser: Browser;
  url: string;
  /** A new browser profile: its own cookies, optionally without JavaScript or on a phone-sized screen. */
  context(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page; consoleErrors: string[] }>;
  close(): Promise<void>;
}

/** Pages opened with JavaScript off: axe cannot run inside them (it needs timers). */
const scriptless = new WeakSet<Page>();
/** Each browser profile's own checking page, so profiles checked at the same time do not share one. */
const checkers = new WeakMap<BrowserContext, Promise<Page>>();

function checkerFor(page: Page): Promise<Page> {
  const source = page.context();
  let checker = checkers.get(source);
  if (!checker) {
    checker = source
      .browser()!
      .newContext()
      .then(async (context) => {
        source.on('close', () => void context.close().catch(() => {}));
        return context.newPage();
      });
    checkers.set(source, checker);
  }
  return checker;
}

export async function startJourney(): Promise<Journey> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-e2e-'));
  // A real port, known before start-up, so links in emails point at this server.
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000',
    JOBS_POLL_MS: '50',
    DEMO: 'true',
    DEMO_RESIDENTS: 'false',
  });
  const kith = await startKith(config, { quiet: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine has no internet: stop Chromium reaching for Google's services.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    kith,
    browser,
    url: kith.url,
    async context(options = {}) {
      const context = await browser.newContext({ baseURL: kith.url, ...options });
      const page = await context.newPage();
      if (options.javaScriptEnabled === false) scriptless.add(page);
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // A form shown again with its errors is answered 400 or 422 on purpose, and Chromium
        // logs that status for the page itself. Any other failure (a script, a stylesheet,
        // a server error) still counts.
        const pageAnswered4xx = /status of 4\d\d/.test(message.text()) && message.location().url === page.url();
        if (!pageAnswered4xx) consoleErrors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
      return { context, page, consoleErrors };
    },
    async close() {
      await browser.close();
      await kith.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Fails with a readable list if axe finds any WCAG 2.2 AA or best-practice violation on the page. A page
 * seen with JavaScript off is checked as a copy (its HTML, scripts removed) in a page
 * of the same origin and size where axe can run.
 */
export async function assertAccessible(page: Page): Promise<void> {
  await assertUniqueIds(page);
  if ((page.viewportSize()?.width ?? 1280) <= 320) await assertFitsWidth(page);
  // axe takes a second or more a page, and journeys meet the same markup again and again
  // (the sign-in page, a home page signed in as the same person): markup already found
  // clean, on a screen of the same size, is not analysed twice. Only each form's token
  // and key differ between such pages.
  const markup = (await page.content()).replace(/name="_(csrf|idem)" value="[^"]*"/g, '');
  const seenKey = sha1(
    `${page.viewportSize()?.width ?? 1280}x${page.viewportSize()?.height ?? 720} ${new URL(page.url()).origin} ${markup}`,
  );
  if (foundClean.has(seenKey)) return;
  let target = page;
  if (scriptless.has(page)) {
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/g, '');
    const origin = new URL(page.url()).origin;
    const checker = await checkerFor(page);
    await checker.setViewportSize(page.viewportSize() ?? { width: 1280, height: 720 });
    await checker.goto(`${origin}/api/ping`);
    await checker.setContent(html, { waitUntil: 'load' });
    target = checker;
  }
  // Only violations are read, so axe need not gather every passing element's details.
  // (options() replaces what withTags set, so it comes first.) Legacy mode runs axe in
  // the page itself: the default opens a blank page for every check to join the results
  // of cross-origin frames, which Kith's pages do not have, and that doubled each check.
  const results = await new AxeBuilder({ page: target })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .withTags(AXE_TAGS)
    .analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n    ')}`,
  );
  assert.deepEqual(violations, [], `Accessibility violations on ${page.url()}`);
  foundClean.add(seenKey);
}

/** Markup axe has already found clean in this journey file (see assertAccessible). */
const foundClean = new Set<string>();
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Go to a page (or follow a click) and check it. */
export async function visit(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  assert.ok(response && response.status() < 500, `${url} answered ${response?.status()}`);
  await assertAccessible(page);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await visit(page, '/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
  await assertAccessible(page);
}

/** No horizontal scrolling: the page fits the screen it is shown on (WCAG 1.4.10 reflow). */
export async function assertFitsWidth(page: Page): Promise<void> {
  const { overflow, widest } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // What sticks out: the innermost elements whose right edge passes the screen's.
    const out = Array.from(document.querySelectorAll('body *')).filter(
      (el) => el.getBoundingClientRect().right > width + 1,
    );
    const innermost = out.filter((el) => !out.some((other) => other !== el && el.contains(other)));
    return {
      overflow: document.documentElement.scrollWidth - width,
      widest: innermost
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${Array.from(el.classList).join('.')}`),
    };
  });
  assert.ok(overflow <= 0, `${page.url()} scrolls sideways by ${overflow}px: ${widest.join(', ')}`);
}

/** Every id on the page is used once: a label, an error summary's link or a skip link finds its own element. */
export async function assertUniqueIds(page: Page): Promise<void> {
  const ids = (await page.content())
    .replace(/<script\b[\s\S]*?<\/script>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .matchAll(/<[a-zA-Z][^>]*?\sid="([^"]*)"/g);
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const [, id] of ids) (seen.has(id!) ? twice : seen).add(id!);
  assert.deepEqual([...twice], [], `${page.url()} uses these ids more than once`);
}

/** Click, wait for the next page, and check it. */
export async function follow(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), click()]);
  await page.waitForLoadState('load');
  await assertAccessible(page);
}

/** The success banner's text, after a form has been sent. */
export const banner = (page: Page) => page.locator('.govuk-notification-banner').innerText();
