/**
 * Reflow (WCAG 1.4.10): on a 320px screen no page scrolls sideways; a wide table scrolls
 * inside its own focusable region instead. Each page below is one the accessibility
 * crawl once found too wide, visited as the role that uses it with JavaScript on (the
 * crawl sees every page without it, in English and in Welsh). The harness checks the
 * width (and axe, and ids) on every visit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

const P = '/places/calderbrook';
const PHONE = { width: 320, height: 640 };

/** The addresses of the links on a page that match a pattern, each once. */
async function linksTo(page: Page, pattern: RegExp, most = 2): Promise<string[]> {
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  return [...new Set(hrefs.filter((href) => pattern.test(href)))].slice(0, most);
}

/** Visit each page, then the pages its links lead to that match, all on a 320px screen. */
async function tour(page: Page, pages: Array<string | [string, RegExp]>): Promise<number> {
  let seen = 0;
  for (const entry of pages) {
    const [url, follow] = typeof entry === 'string' ? [entry, undefined] : entry;
    await visit(page, url);
    seen++;
    if (!follow) continue;
    const next = await linksTo(page, follow);
    assert.ok(next.length, `${url} links to nothing like ${follow}`);
    for (const href of next) {
      await visit(page, href);
      seen++;
    }
  }
  return seen;
}

const ROLES: Array<{ who: string; email: string; pages: Array<string | [string, RegExp]> }> = [
  {
    who: 'a resident',
    email: 'resident@calderbrook.example',
    pages: [
      [`${P}/time-credits`, /\/time-credits\/accounts\/[\w-]+$/],
      `${P}/time-credits/rewards`,
      '/api/docs',
      '/accessibility',
    ],
  },
  {
    who: 'a link worker',
    email: 'linkworker@calderbrook.example',
    pages: [[`${P}/social-prescribing`, /\/social-prescribing\/people\/[\w-]+$/]],
  },
  {
    who: 'an admin',
    email: 'admin@calderbrook.example',
    pages: [`${P}/admin/members`, `${P}/admin/audit`, `${P}/reports`, `${P}/outcomes`],
  },
  {
    who: 'a coordinator',
    email: 'coordinator@calderbrook.example',
    pages: [
      [`${P}/volunteering/manage`, /\/volunteering\/manage\/[\w-]+$/],
      `${P}/volunteering/reports`,
      `${P}/time-credits/manage`,
      [`${P}/befriending/manage`, /\/befriending\/manage\/[\w-]+\/schemes\/[\w-]+$/],
    ],
  },
];

describe('pages reflow on a 320px screen', () => {
  for (const role of ROLES) {
    test(`as ${role.who}, JavaScript on`, async () => {
      const { page, consoleErrors, context } = await journey.context({ viewport: PHONE });
      await signIn(page, role.email);
      assert.ok((await tour(page, role.pages)) >= role.pages.length);
      assert.deepEqual(consoleErrors, []);
      await context.close();
    });
  }

  test('a wide table scrolls inside a region a keyboard can reach, not the page', async () => {
    const { page, context } = await journey.context({ viewport: PHONE });
    await signIn(page, 'resident@calderbrook.example');
    await visit(page, `${P}/time-credits`);
    const [statement] = await linksTo(page, /\/time-credits\/accounts\/[\w-]+$/);
    await visit(page, statement!);
    const region = page.locator('.kith-table-scroll').filter({ has: page.getByTestId('statement') });
    assert.equal(await region.getAttribute('role'), 'region');
    assert.equal(await region.getAttribute('tabindex'), '0');
    assert.ok(await region.getAttribute('aria-label'));
    // The table is wider than the screen, and the Balance column is reached by scrolling the region.
    const { scrollWidth, clientWidth } = await region.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    assert.ok(scrollWidth > clientWidth, 'the statement fits without scrolling: nothing to prove here');
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('End');
    // Keyboard scrolling may be animated: give it up to two seconds to move.
    const scrolled = await region.evaluate(async (el) => {
      for (let i = 0; i < 40 && el.scrollLeft === 0; i++) await new Promise((r) => setTimeout(r, 50));
      return el.scrollLeft;
    });
    assert.ok(scrolled > 0, 'the keyboard scrolls the table');
    await context.close();
  });
});
