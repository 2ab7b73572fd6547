// Respondent stories: the demo scan with JavaScript on and off, leaving half-way and
// resuming from the link, and the whole scan by keyboard alone.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO, assertNoBrowserErrors, checkPage, createInvitations, hydrated,
  launch, login, newContext, roundIdByName, startServer,
} from '../lib.mjs';

let server;
let browser;
let links;

before(async () => {
  server = await startServer();
  browser = await launch();
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, server.base, DEMO.coordinator);
  const roundId = await roundIdByName(page, server.base, 'Demo QuickScan');
  links = await createInvitations(page, server.base, roundId, 3);
  assert.equal(links.length, 3);
  await context.close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const STEPS = 10;

/** Answers the current step page: statement i gets option (i + offset) % 7. */
async function answerStep(page, offset) {
  const groups = page.locator('fieldset.statement');
  await groups.first().waitFor();
  const count = await groups.count();
  assert.ok(count >= 4, 'a step shows its statements');
  for (let i = 0; i < count; i++) {
    await groups.nth(i).locator('label').nth((i + offset) % 7).click();
  }
}

async function nextPage(page) {
  await Promise.all([page.waitForLoadState('load'), page.waitForURL(/\/s\//), page.click('.nav-buttons button.primary')]);
}

async function completeFromWelcome(page, name, { checkEachPage }) {
  await checkPage(page, `${name}-welcome`);
  await Promise.all([page.waitForURL(/\/s\/[^/]+\/1$/), page.click('main a.button.primary')]);
  for (let step = 1; step <= STEPS; step++) {
    if (checkEachPage || step === 1) await checkPage(page, `${name}-step`);
    await answerStep(page, step);
    await nextPage(page);
  }
  assert.match(page.url(), /\/review$/);
  await checkPage(page, `${name}-review`);
  await Promise.all([page.waitForURL(/\/s\/[A-Za-z0-9]+$/), page.click('main form button[type=submit]')]);
  // Submitting lands on the thank-you page (the link's own address), not back on the review.
  assert.match(await page.locator('h1').innerText(), /bedankt|dank/i);
  await checkPage(page, `${name}-submitted`);
}

test('a respondent completes the demo scan with JavaScript on', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(server.demoLink);
  await hydrated(page);
  await Promise.all([page.waitForURL(/\/s\/[^/]+\/1$/), page.click('main a.button.primary')]);
  await hydrated(page);
  // Hydrated: a click saves at once through a server function, without a page load.
  const saved = page.waitForResponse((r) => r.url().includes('/api/') && r.request().method() === 'POST');
  const firstGroup = page.locator('fieldset.statement').first();
  await firstGroup.locator('label').nth(3).click();
  assert.equal((await saved).status(), 200);
  const clicked = await firstGroup.locator('input[type=radio]').nth(3).getAttribute('value');
  // The click is stored on the server: the same step, reloaded without JavaScript, shows it.
  const plain = await newContext(browser, { javaScriptEnabled: false });
  const reloaded = await plain.newPage();
  await reloaded.goto(page.url());
  assert.equal(
    await reloaded.locator('fieldset.statement').first().locator('input[type=radio]:checked').getAttribute('value'),
    clicked,
    'the autosaved answer is there after a reload',
  );
  await plain.close();
  await page.goto(server.demoLink);
  await completeFromWelcome(page, 'respondent-js', { checkEachPage: false });
  assertNoBrowserErrors(context);
  await context.close();
});

test('a respondent completes the scan with JavaScript disabled', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(links[0]);
  await completeFromWelcome(page, 'respondent-nojs', { checkEachPage: true });
  assert.match(await page.locator('h1').innerText(), /bedankt|dank/i);
  await context.close();
});

test('a respondent leaves half-way and resumes from the link', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(links[1]);
  await Promise.all([page.waitForURL(/\/1$/), page.click('main a.button.primary')]);
  await answerStep(page, 0);
  await nextPage(page);
  await answerStep(page, 1);
  await Promise.all([page.waitForLoadState('load'), page.click('.nav-buttons button[value="save"]')]);
  await checkPage(page, 'respondent-saved');
  await context.close();

  // Later, in a fresh browser: the link welcomes them back at step 2, where they saved, with
  // the answers kept.
  const later = await newContext(browser);
  const again = await later.newPage();
  await again.goto(links[1]);
  await checkPage(again, 'respondent-welcome-back');
  await Promise.all([again.waitForURL(/\/s\/[^/]+\/\d+$/), again.click('main a.button.primary')]);
  assert.match(again.url(), /\/2$/, 'resumes at the step they saved');
  const statements = await again.locator('fieldset.statement').count();
  assert.equal(await again.locator('fieldset.statement input:checked').count(), statements, 'every answer of step 2 was kept');
  assertNoBrowserErrors(later);
  await later.close();
});

test('a respondent completes the scan by keyboard alone, focus always visible', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(links[2]);
  await hydrated(page);
  const focusVisible = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return true;
      const style = getComputedStyle(el);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      return ring || style.boxShadow !== 'none';
    });
  /** Tabs until the focused element matches `selector`; every focus stop must be visible. */
  async function tabTo(selector) {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      assert.ok(await focusVisible(), `focus is visible on ${await page.evaluate(() => document.activeElement.outerHTML.slice(0, 80))}`);
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    }
    assert.fail(`Tab never reached ${selector}`);
  }
  await tabTo('main a.button.primary');
  await Promise.all([page.waitForURL(/\/1$/), page.keyboard.press('Enter')]);
  for (let step = 1; step <= STEPS; step++) {
    await hydrated(page);
    const groups = await page.locator('fieldset.statement').count();
    for (let g = 0; g < groups; g++) {
      await tabTo(`fieldset.statement:nth-of-type(${g + 1}) input[type=radio]`);
      await page.keyboard.press('Space');
      assert.ok(await page.evaluate(() => document.activeElement.checked), 'Space selects the focused option');
    }
    await tabTo('.nav-buttons button.primary');
    await Promise.all([page.waitForLoadState('load'), page.waitForURL((u) => !u.pathname.endsWith(`/${step}`)), page.keyboard.press('Enter')]);
  }
  assert.match(page.url(), /\/review$/);
  await tabTo('main form button[type=submit]');
  await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
  await page.locator('h1').waitFor();
  assert.doesNotMatch(page.url(), /\/review$/);
  assertNoBrowserErrors(context);
  await context.close();
});
