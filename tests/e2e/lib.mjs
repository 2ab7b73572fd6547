// Shared helpers for the end-to-end stories: start the release server on a fresh SQLite
// database with demo data, open Debian's Chromium through playwright-core, and check every
// page a story visits (accessibility with axe-core, screenshots at two widths, no console
// errors).

import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { SMTPServer } from 'smtp-server';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '../..');
const screenshots = process.env.QUICKSCAN_E2E_SCREENSHOTS ?? join(repo, 'target/e2e-screenshots');
const axeSource = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

export const DEMO = {
  admin: ['admin@quickscan.demo', 'demo-admin-2026'],
  coordinator: ['coordinator@geel.demo', 'demo-coordinator-2026'],
  advisor: ['advisor@quickscan.demo', 'demo-advisor-2026'],
};

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Decodes a message body by its Content-Transfer-Encoding (what lettre writes). */
function decodeBody(headers, body) {
  // A multipart message (plain text and HTML): the text/plain part, decoded.
  const boundary = /content-type:\s*multipart\/[a-z]+;[\s\S]*?boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`)) {
      const split = part.search(/\r?\n\r?\n/);
      if (split < 0) continue;
      const partHeaders = part.slice(0, split);
      if (/content-type:\s*text\/plain/i.test(partHeaders)) {
        return decodeBody(partHeaders, part.slice(split).trim());
      }
    }
    return '';
  }
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** Decodes RFC 2047 encoded words (`=?utf-8?b?…?=`) in a header. */
function decodeWords(header) {
  return header.replace(/\r?\n[ \t]/g, ' ').replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=\s*/gi, (_, charset, kind, text) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'));
}

/**
 * A real SMTP server on a free port that keeps what it receives: `messages` holds
 * `{ to, subject, text }` per recipient; `waitFor(count)` resolves when that many arrived.
 */
export async function startSmtpSink() {
  const messages = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const split = raw.search(/\r?\n\r?\n/);
        const headers = raw.slice(0, split);
        const body = raw.slice(split).trimStart();
        const subject = decodeWords(/^subject:\s*(.*(?:\r?\n[ \t].*)*)$/im.exec(headers)?.[1] ?? '');
        for (const recipient of session.envelope.rcptTo) {
          messages.push({ to: recipient.address, subject, text: decodeBody(headers, body) });
        }
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(count, timeout = 20_000) {
      const until = Date.now() + timeout;
      while (messages.length < count) {
        if (Date.now() > until) throw new Error(`${messages.length} of ${count} mails arrived`);
        await new Promise((ok) => setTimeout(ok, 100));
      }
    },
    stop: () => new Promise((ok) => server.close(ok)),
  };
}

/** Starts the release server with demo data; resolves when it prints its address. */
export async function startServer(extraEnv = {}) {
  const binary = process.env.QUICKSCAN_E2E_SERVER ?? join(repo, 'target/release/server');
  const siteRoot = process.env.LEPTOS_SITE_ROOT ?? join(repo, 'target/site');
  const dir = mkdtempSync(join(tmpdir(), 'quickscan-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ['serve'], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${join(dir, 'e2e.sqlite')}?mode=rwc`,
      QUICKSCAN_ADDR: `127.0.0.1:${port}`,
      QUICKSCAN_DEMO: '1',
      QUICKSCAN_MODELS_DIR: join(repo, 'app/models'),
      LEPTOS_SITE_ROOT: siteRoot,
      RUST_LOG: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 120_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/Demo invitation link|no demo link/.test(output) && output.includes('is running at')) {
        clearTimeout(timer);
        ok();
      }
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}:\n${output}`)));
  });
  const demoLink = output.match(/Demo invitation link: (\S+)/)?.[1];
  return {
    base,
    demoLink,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((ok) => (child.exitCode !== null ? ok() : child.once('exit', ok)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.QUICKSCAN_E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** A browser context that records console errors and page errors of every page it opens. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  context.problems = [];
  context.javaScriptOff = options.javaScriptEnabled === false;
  context.on('page', (page) => watch(page, context.problems));
  return context;
}

function watch(page, problems) {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
}

export function assertNoBrowserErrors(context) {
  assert.deepEqual(context.problems, [], 'the browser reported errors');
}

/** Waits until the wasm bundle has hydrated the page (the script marks <body>). */
export async function hydrated(page) {
  await page.waitForFunction(() => document.body.dataset.hydrated === 'true', null, { timeout: 30_000 });
}

/**
 * A staff page is rendered by the server only: it loads whole, without the hydration
 * scripts (the wasm bundle holds the respondent's pages only) and never becomes hydrated.
 */
export async function serverRendered(page) {
  await page.waitForLoadState('load');
  assert.ok(!(await page.content()).includes('/pkg/quickscan.js'), `${page.url()} is served without the hydration scripts`);
  assert.notEqual(await page.evaluate(() => document.body.dataset.hydrated), 'true', `${page.url()} is not hydrated`);
}

const seen = new Set();

/** Serious and critical axe-core violations of the page as it is now. */
async function axeViolations(page) {
  let target = page;
  let inspector;
  if (!page.context().javaScriptOff) {
    // After a client-side navigation the new page sets its title once its data has arrived;
    // inspect the settled page (a title that never comes is still reported by axe).
    await page.waitForFunction(() => document.title.trim() !== '', null, { timeout: 5_000 }).catch(() => {});
  } else {
    // The page runs no JavaScript, so axe cannot run in it: inspect the same HTML (scripts
    // removed) in a scripted page of the same origin, where the same stylesheet applies.
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
    inspector = await page.context().browser().newPage();
    const url = page.url();
    await inspector.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await inspector.goto(url);
    target = inspector;
  }
  // Evaluated through the DevTools protocol, not as an inline <script>: the page's CSP allows
  // only its own nonce'd scripts, and must stay on while it is inspected.
  await target.evaluate(axeSource);
  const found = await target.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  await inspector?.close();
  return found;
}

/**
 * Checks the page as it is now: axe-core finds no serious or critical violation; the first
 * time a page is seen, its language switch goes through fr, en and back to nl, and
 * screenshots at 1280 px and 390 px go to target/e2e-screenshots/NAME-{desktop,mobile}.png.
 */
export async function checkPage(page, name, { languageSwitch = true } = {}) {
  const result = await axeViolations(page);
  assert.deepEqual(result, [], `accessibility violations on ${name} (${page.url()})`);
  if (!seen.has(name)) {
    seen.add(name);
    // A page that answers a post (a checked upload) exists only in that answer: switching
    // the language loads its address again, without it.
    if (languageSwitch) await checkLanguageSwitch(page);
    mkdirSync(screenshots, { recursive: true });
    const viewport = page.viewportSize();
    await page.screenshot({ path: join(screenshots, `${name}-desktop.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(screenshots, `${name}-mobile.png`), fullPage: true });
    await page.setViewportSize(viewport ?? { width: 1280, height: 900 });
  }
}

/** Switches the page to each language and back to Dutch through the language switch. */
export async function checkLanguageSwitch(page) {
  const back = page.url();
  for (const code of ['fr', 'en', 'nl']) {
    await page.locator(`nav.language-switch a[hreflang="${code}"]`).click();
    await page.waitForLoadState('load');
    assert.equal(await page.getAttribute('html', 'lang'), code, `language ${code} on ${back}`);
    assert.equal(new URL(page.url()).pathname, new URL(back).pathname, 'the switch stays on the page');
  }
}

/** Logs in through the login form. */
export async function login(page, base, [email, password]) {
  await page.goto(`${base}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${base}/dashboard`), page.click('form.login-form button[type=submit]')]);
}

/**
 * Personal invitation links of a round, as respondents obtain them: the coordinator creates
 * the round's open link on the round page (staff never see a personal link), then each
 * respondent opens it, presses start and lands on their own `/s/{token}`.
 */
export async function createInvitations(page, base, roundId, count) {
  await page.goto(`${base}/rounds/${roundId}`);
  if ((await page.locator('.open-link code').count()) === 0) {
    await page.fill('#cap', '100');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action$="/open-link"] button[type=submit]')]);
  }
  const openLink = (await page.locator('.open-link code').innerText()).trim();
  const links = [];
  for (let i = 0; i < count; i += 1) {
    await page.goto(openLink);
    await Promise.all([
      page.waitForURL(/\/s\/[A-Za-z0-9]+$/),
      page.click('form[action^="/j/"] button[type=submit]'),
    ]);
    links.push(page.url());
  }
  return links;
}

/** The id of the first round linked from the dashboard whose row mentions `name`. */
export async function roundIdByName(page, base, name) {
  await page.goto(`${base}/dashboard`);
  const href = await page.locator('tr', { hasText: name }).locator('a[href^="/rounds/"]').first().getAttribute('href');
  return Number(href.split('/')[2]);
}
