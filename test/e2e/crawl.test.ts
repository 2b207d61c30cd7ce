/**
 * Every page, as everyone who can reach it, on a phone, in English and in Welsh.
 *
 * Each role (someone not signed in, then every demo account) starts from the home page
 * and follows every link it is shown, without JavaScript on a screen 320px wide, taking
 * one address for each route. Every page it reaches must not scroll sideways (WCAG
 * 1.4.10) nor use an id twice; axe (WCAG 2.2 AA and best practice) checks each route once.
 * Then every route is seen again in Welsh, whose longer words are what push a page wider,
 * as the first role that reached it, and checked the same way. Then every form those
 * pages hold is sent empty, with JavaScript on, and each link in the error summary must
 * lead to a field that shows the same message (WCAG 3.3.1). Last, the routes no role
 * reached are compared with the short list of pages that only an email's link opens, so
 * a new page nobody can get to is noticed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible, assertFitsWidth, assertUniqueIds, signIn, startJourney, type Journey } from './harness.js';

let journey: Journey;
let routes: RouteMatcher;
before(async () => {
  journey = await startJourney();
  routes = routeMatcher(journey.kith.app.kithRoutes);
});
after(() => journey?.close());

const PHONE = { width: 320, height: 640 };
const ROLES: Array<{ who: string; email?: string }> = [
  { who: 'someone not signed in' },
  { who: 'a resident', email: 'resident@calderbrook.example' },
  { who: 'an organiser', email: 'organiser@calderbrook.example' },
  { who: 'a volunteer coordinator', email: 'coordinator@calderbrook.example' },
  { who: 'a link worker', email: 'linkworker@calderbrook.example' },
  { who: 'a referrer from another service', email: 'probation@calderbrook.example' },
  { who: 'a partner', email: 'partner@calderbrook.example' },
  { who: 'a council officer', email: 'officer@calderbrook.example' },
  { who: 'an admin', email: 'admin@calderbrook.example' },
];
const START = [
  '/',
  '/places/calderbrook',
  '/places/aberllyn',
  '/account',
  '/accessibility',
  '/privacy',
  '/dev/mail',
  // Someone's own offers and requests first, so the two posts a role opens include one of
  // its own (with its edit page) whatever order the list of everyone's posts is in.
  '/places/calderbrook/help/mine',
  // Pages shown after a form is sent, which no link leads to.
  '/password-reset/sent',
  '/account/deleted',
];

/**
 * Routes that answer something other than a page (files, feeds, images, health), and the
 * pages only an emailed link opens: a password reset, an email confirmation, a claim
 * link sent to someone referred. Each of those has its own journey or route test.
 */
const NOT_PAGES = [/^\/api\/(?!docs$)/, /\.[a-z:]+$/, /^\/assets\/:file$/, /^\/healthz$/, /\/photo$/];
const ONLY_BY_EMAIL = new Set([
  '/password-reset/:token',
  '/confirm-email/:token',
  '/places/:place/social-prescribing/claim/:token',
]);

/**
 * Pages linked only at a stage the demo places never reach. Each has its own journey or
 * route test; when the demo grows to reach one, the test below says to take it off.
 */
const NOT_IN_THE_DEMO = new Map([
  ['/places/:place/help/conversations/:conversation', 'no two demo residents are talking about a post'],
  ['/places/:place/help/small-acts/:act', 'no demo resident has a small act waiting to be confirmed'],
  ['/places/:place/assets/community-value/:id/decision', 'no demo nomination waits for a decision'],
  ['/places/:place/assets/community-value/:id/notice', 'no demo listed asset is for sale'],
  ['/places/:place/assets/community-value/:id/bidder', 'no demo listed asset is in its moratorium'],
  ['/places/:place/assets/community-value/:id/removal', 'no demo listed asset is being removed'],
  ['/places/:place/grants/rounds/:round/ballot', 'no demo round is in its residents’ vote'],
  ['/places/:place/grants/rounds/:round/review', 'no demo round is with its panel'],
  ['/places/:place/grants/rounds/:round/review/:application', 'no demo round is with its panel'],
  ['/places/:place/groups/announcements/:announcement', 'no demo group has sent an announcement'],
  ['/places/:place/groups/pledges/:action', 'no demo resident has pledged, so none is asked whether they did it'],
  ['/places/:place/assets/:id/transfer', 'no demo council building the crawl meets is without a transfer'],
  ['/places/:place/assets/transfers/:id/interest', 'the demo transfer is past its expressions of interest'],
  ['/places/:place/assets/transfers/:id/shortlist', 'the demo transfer is past its expressions of interest'],
  ['/places/:place/assets/transfers/:id/interests/:interest/case', 'the demo transfer is past its business cases'],
  ['/places/:place/assets/transfers/:id/interests/:interest/changes', 'the demo transfer is past its business cases'],
  ['/places/:place/assets/transfers/:id/views', 'the demo transfer is past its business cases'],
  ['/places/:place/assets/transfers/:id/terms', 'no demo transfer has been decided'],
  ['/places/:place/assets/transfers/:id/handover', 'no demo transfer has agreed terms'],
]);

interface RouteMatcher {
  /** The route pattern a path belongs to, as the server would choose it, or undefined. */
  of(path: string): string | undefined;
  pages: string[];
}

/** Matches paths to the server's own GET routes; static segments win over parameters. */
function routeMatcher(all: string[]): RouteMatcher {
  const gets = all.filter((r) => r.startsWith('GET ')).map((r) => r.slice(4));
  const compiled = gets.map((pattern) => ({
    pattern,
    regex: new RegExp(
      `^${pattern
        .split('/')
        .map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/')}/?$`,
    ),
    segments: pattern.split('/'),
  }));
  const score = (segments: string[]) => segments.map((s) => (s.startsWith(':') ? '1' : '2')).join('');
  return {
    of(path) {
      const matches = compiled.filter((c) => c.regex.test(path));
      matches.sort((a, b) => (score(a.segments) < score(b.segments) ? 1 : -1));
      return matches[0]?.pattern;
    },
    pages: gets.filter((p) => !NOT_PAGES.some((re) => re.test(p))),
  };
}

/** What a role was shown: one address a route, and the forms on those pages. */
interface Visit {
  url: string;
  /** Each form on the page as its action's route and its fields' names: the same form on another page is the same form. */
  forms: string[];
}
const reached = new Map<string, Set<string>>();
const visitsByRole = new Map<string, Visit[]>();
const axed = new Set<string>();
/** Routes already seen in Welsh, by whichever role reached them first. */
const seenInWelsh = new Set<string>();
/** Routes that turned out to answer a file (a download, an image) rather than a page. */
const files = new Set<string>();

async function signedIn(email: string | undefined, options: { javaScriptEnabled: boolean; lang: 'en' | 'cy' }) {
  const { context, page, consoleErrors } = await journey.context({
    viewport: PHONE,
    javaScriptEnabled: options.javaScriptEnabled,
  });
  if (email) await signIn(page, email);
  if (options.lang === 'cy') await page.goto('/?lang=cy');
  return { context, page, consoleErrors };
}

/** What identifies each form on the page: its action's route and its fields' names. */
async function formsOn(page: Page): Promise<string[]> {
  const forms = await page.locator('main form[method="post" i]').evaluateAll((all) =>
    all.map((f) => ({
      // Read as an attribute: a field named "action" would stand in for the property.
      action: new URL(f.getAttribute('action') ?? location.href, location.href).href,
      names: Array.from(f.querySelectorAll('[name]'))
        .map((el) => el.getAttribute('name'))
        .join(' '),
    })),
  );
  return forms.map(({ action, names }) => {
    const path = new URL(action).pathname;
    return `${routes.of(path) ?? path} ${names}`;
  });
}

/** The same-origin links on the page worth following: pages, not files, not the language switch. */
async function linksOn(page: Page): Promise<string[]> {
  const origin = new URL(page.url()).origin;
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .map((href) => new URL(href))
    .filter((url) => url.origin === origin && !url.searchParams.has('lang'))
    .map((url) => url.pathname + url.search);
}

/**
 * In English a role follows every link from the start pages. In Welsh it opens only the
 * addresses it reached in English whose route no other role has yet seen in Welsh: the
 * words differ by language, the links and the layout by role, so each pairing is met once
 * without every role walking every page twice.
 */
async function crawl(role: (typeof ROLES)[number], lang: 'en' | 'cy'): Promise<Visit[]> {
  const { context, page, consoleErrors } = await signedIn(role.email, { javaScriptEnabled: false, lang });
  const welsh = lang === 'cy';
  const queue = welsh ? (visitsByRole.get(role.who) ?? []).map((v) => v.url) : [...START];
  const seen = new Map<string, number>();
  const opened = new Set<string>();
  const visits: Visit[] = [];
  const problems: string[] = [];
  try {
    while (queue.length) {
      const url = queue.shift()!;
      const pattern = routes.of(url.split('?')[0]!);
      if (!pattern || !routes.pages.includes(pattern) || opened.has(url)) continue;
      // Two addresses for a route with parameters (the first activity, shift or round
      // may be the one without what links deeper), one for any other.
      const times = seen.get(pattern) ?? 0;
      if (times >= (pattern.includes(':') ? 2 : 1)) continue;
      if (welsh) {
        if (seenInWelsh.has(pattern)) continue;
        seenInWelsh.add(pattern);
      }
      seen.set(pattern, times + 1);
      opened.add(url);
      // A download (a person's data, a report's spreadsheet) is a file, not a page.
      const response = await page.goto(url).catch((error: Error) => {
        if (error.message.includes('Download is starting')) {
          files.add(pattern);
          return null;
        }
        throw error;
      });
      if (!response) continue;
      assert.ok(response.status() < 500, `${role.who} (${lang}): ${url} answered ${response.status()}`);
      if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) {
        files.add(pattern);
        continue;
      }
      const landed = routes.of(new URL(page.url()).pathname);
      if (response.status() === 200 && landed === pattern) {
        if (!reached.has(pattern)) reached.set(pattern, new Set());
        reached.get(pattern)!.add(role.who);
        visits.push({ url, forms: await formsOn(page) });
      }
      // Width and ids on every page each role sees; axe once a route and language,
      // as the first role to see it (axe is slow, and the markup differs little by role).
      // Every problem found, not only the first: the list is what someone fixes from.
      // Welsh pages are checked by axe as English ones are: their words, and which
      // passages are marked as the other language, differ.
      const key = `${lang} ${landed}`;
      try {
        if (landed && !axed.has(key)) {
          axed.add(key);
          await assertAccessible(page);
        } else {
          await assertUniqueIds(page);
          await assertFitsWidth(page);
        }
      } catch (error) {
        if (!(error instanceof assert.AssertionError)) throw error;
        problems.push(error.message);
      }
      if (!welsh) for (const link of await linksOn(page)) queue.push(link);
    }
  } finally {
    await context.close();
  }
  // The forms on these pages are tried below even when a page here had a problem.
  if (lang === 'en') visitsByRole.set(role.who, visits);
  assert.deepEqual(problems, [], `${role.who} (${lang}) found problems on these pages`);
  assert.deepEqual(consoleErrors, []);
  return visits;
}

// Two roles at a time: the server answers one while Chromium lays out and checks the
// other's page, so both cores work and the crawl stays well inside CI's time.
const TWO_AT_A_TIME = { concurrency: 2 };

describe('every page, as every role, at 320px, without JavaScript, in English', TWO_AT_A_TIME, () => {
  for (const role of ROLES) {
    test(role.who, async (t) => {
      const started = Date.now();
      const visits = await crawl(role, 'en');
      t.diagnostic(`${visits.length} pages in ${Math.round((Date.now() - started) / 1000)} s`);
      assert.ok(visits.length > 5, `${role.who} reached only ${visits.map((v) => v.url).join(', ')}`);
    });
  }
});

describe('every page again in Welsh, as the first role to reach it', TWO_AT_A_TIME, () => {
  for (const role of ROLES) {
    test(role.who, async (t) => {
      const started = Date.now();
      const visits = await crawl(role, 'cy');
      t.diagnostic(`${visits.length} pages in ${Math.round((Date.now() - started) / 1000)} s`);
    });
  }
});

describe('pages reached', () => {
  test('every route reached in English was seen in Welsh', () => {
    const missed = [...reached.keys()].filter((p) => !seenInWelsh.has(p));
    assert.deepEqual(missed, [], 'routes reached in English but never opened in Welsh');
  });
  test('every page is reached by some role, except those only an email opens or the demo never shows', () => {
    const unreached = routes.pages.filter(
      (p) => !reached.has(p) && !files.has(p) && !ONLY_BY_EMAIL.has(p) && !NOT_IN_THE_DEMO.has(p),
    );
    assert.deepEqual(unreached, [], 'pages no role could reach by following links');
    const nowReached = [...NOT_IN_THE_DEMO.keys()].filter((p) => reached.has(p));
    assert.deepEqual(nowReached, [], 'the demo now reaches these: take them off NOT_IN_THE_DEMO');
  });
});

/** Clears every field a person fills in; hidden fields (the form's token, its key) stay. */
async function emptyForm(page: Page, index: number): Promise<boolean> {
  return page
    .locator('main form[method="post" i]')
    .nth(index)
    .evaluate((form) => {
      // A form folded away in "details" is opened, as a person would.
      for (let d = form.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
      let fields = 0;
      for (const el of Array.from(form.querySelectorAll('input, textarea, select'))) {
        if (el instanceof HTMLInputElement) {
          if (['hidden', 'submit', 'button'].includes(el.type)) continue;
          fields++;
          if (el.type === 'checkbox' || el.type === 'radio') el.checked = false;
          else if (el.type === 'file') el.value = '';
          else el.value = '';
        } else if (el instanceof HTMLTextAreaElement) {
          fields++;
          el.value = '';
        } else if (el instanceof HTMLSelectElement) {
          fields++;
          const blank = Array.from(el.options).findIndex((o) => o.value === '');
          if (blank >= 0) el.selectedIndex = blank;
        }
      }
      return fields > 0;
    });
}

/** Where each link in the error summary fails to lead to a field showing the same words. */
async function summaryProblems(page: Page): Promise<string[]> {
  const summary = page.locator('.govuk-error-summary');
  if (!(await summary.count())) return [];
  return summary.first().evaluate((box) => {
    const out: string[] = [];
    const links = Array.from(box.querySelectorAll('a'));
    if (!links.length) out.push('the error summary has no links');
    for (const link of links) {
      const href = link.getAttribute('href') ?? '';
      const words = (link.textContent ?? '').trim();
      if (!href.startsWith('#')) {
        out.push(`"${words}" links to ${href}, not to a field on the page`);
        continue;
      }
      const target = document.getElementById(decodeURIComponent(href.slice(1)));
      if (!target) {
        out.push(`"${words}" links to ${href}, which is not on the page`);
        continue;
      }
      // The message sits on the field's group, or on an outer one: a date's or a
      // duration's parts each have a group inside the group that holds the message.
      const found: Element[] = [];
      for (
        let group = target.closest('.govuk-form-group');
        group;
        group = group.parentElement?.closest('.govuk-form-group') ?? null
      )
        found.push(...Array.from(group.querySelectorAll('.govuk-error-message')));
      if (!found.length && target.parentElement)
        found.push(...Array.from(target.parentElement.querySelectorAll('.govuk-error-message')));
      const messages = found.map((m) => (m.textContent ?? '').replace(/^\s*(Error|Gwall):\s*/, '').trim());
      if (!messages.includes(words)) out.push(`"${words}" leads to ${href}, which shows ${JSON.stringify(messages)}`);
    }
    return out;
  });
}

// In English: the summary and the fields show the same message in either language (one
// error, one catalogue entry), and the links and ids do not change with it.
describe('every form sent empty leads its error summary to the fields', TWO_AT_A_TIME, () => {
  const tried = new Set<string>();
  for (const role of ROLES) {
    test(role.who, async () => {
      const visits = visitsByRole.get(role.who) ?? [];
      const { context, page, consoleErrors } = await signedIn(role.email, { javaScriptEnabled: true, lang: 'en' });
      const problems: string[] = [];
      try {
        for (const visit of visits) {
          for (const [index, key] of visit.forms.entries()) {
            // One try a form, by the first role that has it; a page is opened only for a form not yet tried.
            if (tried.has(key)) continue;
            tried.add(key);
            const response = await page.goto(visit.url);
            if (response?.status() !== 200) break;
            const form = page.locator('main form[method="post" i]').nth(index);
            if (!(await form.count())) break;
            if (!(await emptyForm(page, index))) continue;
            const submit = form.locator('button:not([type="button"]), input[type="submit"]').first();
            if (!(await submit.count()) || !(await submit.isVisible())) continue;
            // A form answers with a page, or a file; one that does nothing at all is a problem too.
            const answered = Promise.race([
              page.waitForEvent('load', { timeout: 0 }).then(() => 'page'),
              page.waitForEvent('download', { timeout: 0 }).then(() => 'file'),
              new Promise((resolve) => setTimeout(() => resolve('nothing'), 10_000)),
            ]).catch(() => 'closed');
            await submit.click();
            if ((await answered) === 'nothing') {
              problems.push(`${visit.url} form ${index + 1}, sent empty: nothing happened`);
              continue;
            }
            for (const problem of await summaryProblems(page))
              problems.push(`${visit.url} form ${index + 1}, sent empty: ${problem}`);
          }
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, [], `${role.who} found error summaries that lead nowhere`);
      assert.deepEqual(consoleErrors, []);
    });
  }
});
