// Staff stories: a coordinator runs a round and reads its report; an advisor imports a
// spreadsheet; the admin compares all organisations and exports them.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  DEMO, assertNoBrowserErrors, checkPage, createInvitations, hydrated, serverRendered,
  launch, login, newContext, repo, roundIdByName, startSmtpSink,
} from '../lib.mjs';

let server;
let browser;
let smtp;

before(async () => {
  const { startServer } = await import('../lib.mjs');
  // A real SMTP server receives the invitations the coordinator sends.
  smtp = await startSmtpSink();
  server = await startServer({ QUICKSCAN_SMTP_URL: smtp.url, QUICKSCAN_MAIL_FROM: 'QuickScan <scan@e2e.test>' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

/** The personal links mailed to `addresses`, once each of them has arrived. */
async function mailedLinks(addresses) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mails = smtp.messages.filter((m) => addresses.includes(m.to));
    if (mails.length >= addresses.length) {
      return mails.map((m) => {
        const link = m.text.match(/https?:\/\/\S+?\/s\/[A-Za-z0-9]+/);
        assert.ok(link, `the invitation to ${m.to} carries a personal link`);
        return link[0];
      });
    }
    assert.ok(Date.now() < deadline, `invitations to ${addresses} arrived`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

const ANSWERS = ['0', '1', '2', '3', '4', 'weet niet', 'n.v.t.', 'ingebed'];
const GROUPS = ['medewerkers', 'leidinggevenden', 'mandatarissen'];

function columnLetters(index) {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The downloaded template with answers typed into its first `respondents` rows. */
function fillTemplate(xlsx, respondents) {
  const files = unzipSync(new Uint8Array(xlsx));
  let sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  const statements = (sheet.match(/<dimension ref="A1:([A-Z]+)\d+"/)[1].split('').reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0)) - 4;
  const text = (ref, value) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
  for (let r = 0; r < respondents; r++) {
    const row = 3 + r;
    const cells = [text(`C${row}`, GROUPS[r])];
    for (let s = 0; s < statements; s++) cells.push(text(`${columnLetters(4 + s)}${row}`, ANSWERS[(r + s) % ANSWERS.length]));
    // Keep the cells in column order: C before D, the answers (E…) after it.
    sheet = sheet.replace(new RegExp(`(<row r="${row}"[^>]*>)(.*?)(<c r="D${row}"[^>]*/>)(</row>)`), (_, open, ab, d, close) =>
      open + ab + cells[0] + d + cells.slice(1).join('') + close);
  }
  files['xl/worksheets/sheet1.xml'] = strToU8(sheet);
  return Buffer.from(zipSync(files));
}

/** Answers a whole scan with plain form posts (no JavaScript), choosing `level` everywhere. */
async function answerScan(browser, link, level) {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(link);
  await Promise.all([page.waitForURL(/\/1$/), page.click('main a.button.primary')]);
  while (!page.url().endsWith('/review')) {
    const groups = page.locator('fieldset.statement');
    for (let i = 0; i < (await groups.count()); i++) {
      await groups.nth(i).locator('label').nth((level + i) % 5).click();
    }
    await Promise.all([page.waitForLoadState('load'), page.click('.nav-buttons button.primary')]);
  }
  await Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);
  await context.close();
}

// Every staff story runs hydrated and with JavaScript off: each page works without it.
const MODES = [
  { js: true, suffix: '' },
  { js: false, suffix: '-nojs' },
];

/** The description (<dd>) after the term (<dt>) that reads `term` exactly. */
function definition(page, term) {
  return page.locator(`xpath=//dt[normalize-space()="${term}"]/following-sibling::dd[1]`);
}

for (const { js, suffix } of MODES) {
// Staff pages are rendered by the server only, with JavaScript on or off.
const settle = (page) => serverRendered(page);

test(`a coordinator invites by e-mail and open link; the report appears only at five respondents, with both charts${suffix}`, async () => {
  const context = await newContext(browser, { javaScriptEnabled: js });
  const page = await context.newPage();
  await login(page, server.base, DEMO.coordinator);
  await settle(page);
  await checkPage(page, `coordinator-dashboard${suffix}`);
  await page.fill('input[name=name]', `E2E-bevraging${suffix}`);
  await Promise.all([page.waitForURL(/\/rounds\/\d+$/), page.click('form[action$="/rounds"] button[type=submit]')]);
  const roundId = Number(new URL(page.url()).pathname.split('/')[2]);
  await checkPage(page, `coordinator-round${suffix}`);
  // Two colleagues are invited by e-mail; the page never shows their links.
  const addresses = [`an${suffix}@e2e.test`, `bert${suffix}@e2e.test`];
  await page.fill('#addresses', addresses.join('\n'));
  await page.selectOption('#mail-group', 'management');
  await Promise.all([page.waitForLoadState('load'), page.click(`form[action="/rounds/${roundId}/mail"] button[type=submit]`)]);
  await settle(page);
  const mailed = await mailedLinks(addresses);
  const roundHtml = await page.content();
  for (const link of mailed) assert.ok(!roundHtml.includes(link.split('/s/')[1]), 'no personal link on the round page');
  await checkPage(page, `coordinator-round-mailed${suffix}`);
  // Three more start through the open group link and answer.
  const opened = await createInvitations(page, server.base, roundId, 3);
  for (const [i, link] of opened.entries()) await answerScan(browser, link, i + 1);
  await page.goto(`${server.base}/rounds/${roundId}`);
  assert.equal(await definition(page, 'ingediend').innerText(), '3', 'three responses are submitted');
  // Three is below the threshold: the report shows participation only, no figure.
  await page.goto(`${server.base}/rounds/${roundId}/report`);
  await settle(page);
  assert.match(await page.locator('main').innerText(), /Nog 2 antwoorden nodig voor resultaten/);
  assert.equal(await page.locator('main svg').count(), 0, 'no chart before five respondents');
  await checkPage(page, `coordinator-report-pending${suffix}`);
  // The two mailed colleagues answer: five.
  for (const [i, link] of mailed.entries()) await answerScan(browser, link, i + 4);
  await page.goto(`${server.base}/rounds/${roundId}`);
  assert.equal(await definition(page, 'ingediend').innerText(), '5', 'five responses are submitted');
  assert.equal(await definition(page, 'uitgenodigd').innerText(), '5', 'of five invitations');
  await Promise.all([page.waitForURL(/\/report$/), page.click(`form[action="/rounds/${roundId}/close"] button[type=submit]`)]);
  await settle(page);
  const charts = page.locator('main svg');
  assert.ok((await charts.count()) >= 2, 'the report has a radar and a bar chart');
  for (const chart of [charts.nth(0), charts.nth(1)]) {
    assert.ok(await chart.isVisible());
    const box = await chart.boundingBox();
    assert.ok(box.width > 200 && box.height > 150, 'a chart is drawn at a readable size');
    assert.ok((await chart.locator('title').count()) > 0, 'a chart carries a title');
  }
  assert.ok((await page.locator('main table').count()) >= 2, 'charts have data tables as their text alternative');
  await checkPage(page, `coordinator-report${suffix}`);
  // The report prints cleanly: charts kept, navigation and forms hidden.
  await page.emulateMedia({ media: 'print' });
  assert.ok(await charts.first().isVisible(), 'charts print');
  assert.equal(await page.locator('nav.language-switch').isVisible(), false, 'the language switch does not print');
  const out = join(repo, 'target/e2e-screenshots');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `coordinator-report${suffix}.pdf`), await page.pdf({ format: 'A4' }));
  await page.emulateMedia({ media: 'screen' });
  assertNoBrowserErrors(context);
  await context.close();
});

test(`an advisor downloads the template, uploads a filled one, reads the preview and confirms${suffix}`, async () => {
  // Each mode imports for another of the advisor's organisations, so both start empty.
  const organisation = js ? 'Geel (13008)' : 'Mechelen (12025)';
  const context = await newContext(browser, { javaScriptEnabled: js });
  const page = await context.newPage();
  await login(page, server.base, DEMO.advisor);
  await page.click('a[href="/import"]');
  await page.waitForURL(`${server.base}/import`);
  await settle(page);
  await checkPage(page, `advisor-import${suffix}`);
  await page.selectOption('#template-organisation', { label: organisation });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('form[action="/import/template.xlsx"] button')]);
  const template = readFileSync(await download.path());
  assert.equal(template.subarray(0, 2).toString(), 'PK', 'the template is an xlsx');
  // Filled in as a person would: answers in the first three respondent rows, with a group,
  // a level name, "weet niet" and "n.v.t." among the numbers.
  const filled = join(mkdtempSync(join(tmpdir(), 'qs-template-')), 'ingevuld.xlsx');
  writeFileSync(filled, fillTemplate(template, 3));
  await page.selectOption('#import-organisation', { label: organisation });
  await page.setInputFiles('#import-file', filled);
  await Promise.all([page.waitForURL(/\/import\/\d+$/), page.click('form[action="/import"] button[type=submit]')]);
  await settle(page);
  const preview = await page.locator('main').innerText();
  assert.match(preview, /3 respondenten · 180 antwoorden/);
  assert.match(preview, /197 rijen zonder antwoorden overgeslagen/);
  await checkPage(page, `advisor-import-preview${suffix}`);
  await Promise.all([page.waitForLoadState('load'), page.click('form[action$="/confirm"] button[type=submit]')]);
  assert.match(await page.locator('[role=status]').innerText(), /Geïmporteerd op .*: 3 respondenten/);
  await checkPage(page, `advisor-import-done${suffix}`);
  assertNoBrowserErrors(context);
  await context.close();
});

test(`the admin opens the comparison view and exports it as xlsx${suffix}`, async () => {
  const context = await newContext(browser, { acceptDownloads: true, javaScriptEnabled: js });
  const page = await context.newPage();
  await login(page, server.base, DEMO.admin);
  await page.click('a[href="/association"]');
  await page.waitForURL(`${server.base}/association`);
  await settle(page);
  assert.ok((await page.locator('main table tbody tr').count()) >= 25, 'the demo organisations are compared');
  await checkPage(page, `admin-comparison${suffix}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href^="/association/export.xlsx"]')]);
  assert.equal(readFileSync(await download.path()).subarray(0, 2).toString(), 'PK');
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  await page.goto(`${server.base}/admin/peer-groups`);
  await checkPage(page, `admin-peer-groups${suffix}`);
  // The user bar names who is signed in and their role, and leads to the password page.
  assert.match(await page.locator('.user-bar').innerText(), /Demo admin \(association\)[\s\S]*beheerder/);
  await page.click('.user-bar a[href="/account/password"]');
  await page.waitForURL(`${server.base}/account/password`);
  await page.locator('#current-password').waitFor();
  await checkPage(page, `account-password${suffix}`);
  assertNoBrowserErrors(context);
  // A wrong current password is named at its field (the 422 is logged by the browser).
  await page.fill('#current-password', 'not-the-password');
  await page.fill('#new-password', 'paard batterij nietje correct');
  await page.fill('#new-password-again', 'paard batterij nietje correct');
  // (The user bar's sign-out form is in <main> too, so the form is named by its action; the
  // refusal answers on the same URL, so wait for the POST's own response.)
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${server.base}/account/password`),
    page.click('main form[action="/account/password"] button[type=submit]'),
  ]);
  await page.waitForLoadState('load');
  assert.match(await page.locator('main').innerText(), /Dit is niet uw huidige wachtwoord/);
  await context.close();
});
}

test('the admin imports an organisation list, adds one more by hand and a coordinator, who activates the account from the e-mail, signs in and opens a round', async () => {
  const admin = await newContext(browser);
  const page = await admin.newPage();
  await login(page, server.base, DEMO.admin);
  await serverRendered(page);
  await checkPage(page, 'admin-dashboard');
  // The list is checked first (a dry run with what would change: Hasselt is new, the demo's
  // Sint-Truiden gets a new population), then written on confirm.
  await page.click('a[href="/admin/organisations/import"]');
  await page.waitForURL(`${server.base}/admin/organisations/import`);
  await page.locator('#organisation-list-file').waitFor();
  await checkPage(page, 'admin-organisation-list-import');
  const list = 'NIS-code;Naam;Soort;Provincie;Inwoners\r\n71022;Hasselt;stad;Limburg;80 600\r\n71053;Sint-Truiden;stad;Limburg;41 900\r\n';
  await page.setInputFiles('#organisation-list-file', { name: 'limburg.csv', mimeType: 'text/csv', buffer: Buffer.from(list) });
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${server.base}/admin/organisations/import`),
    page.click('form[action="/admin/organisations/import"] button[type=submit]'),
  ]);
  await page.locator('table.organisation-list').waitFor();
  assert.match(await page.locator('#list-preview').innerText(), /limburg\.csv/);
  assert.match(await page.locator('main [role=status]').first().innerText(), /1 nieuw, 1 bijgewerkt, 0 ongewijzigd/);
  await checkPage(page, 'admin-organisation-list-preview', { languageSwitch: false });
  await Promise.all([
    page.waitForURL(/\/admin\/organisations\/import\?added=1&updated=1$/),
    page.click('form[action="/admin/organisations/import/confirm"] button[type=submit]'),
  ]);
  assert.match(await page.locator('main [role=status]').first().innerText(), /Geïmporteerd: 1 nieuw, 1 bijgewerkt/);
  await page.goto(`${server.base}/dashboard?q=71053`);
  assert.deepEqual(await page.locator('table.organisations tbody th a').allInnerTexts(), ['Sint-Truiden']);
  await Promise.all([page.waitForURL(/\/organisations\/\d+$/), page.click('table.organisations tbody th a')]);
  assert.equal(await page.locator('main input[name=population]').first().inputValue(), '41900');

  await page.goto(`${server.base}/dashboard`);
  await page.click('a[href="/admin/organisations/new"]');
  await page.waitForURL(`${server.base}/admin/organisations/new`);
  await page.locator('#new-organisation-code').waitFor();
  await checkPage(page, 'admin-new-organisation');
  await page.fill('#new-organisation-code', '73111');
  await page.fill('#new-organisation-name', 'Tongeren-Borgloon');
  await page.selectOption('#new-organisation-kind', 'city');
  await page.selectOption('#new-organisation-province', 'Limburg');
  await page.fill('#new-organisation-population', '41 000');
  await Promise.all([page.waitForURL(/\/organisations\/\d+$/), page.click('form[action="/admin/organisations/new"] button[type=submit]')]);
  assert.match(await page.locator('main h1').innerText(), /Tongeren-Borgloon/);
  await checkPage(page, 'admin-organisation');
  // The list finds the imported ones by name too.
  await page.goto(`${server.base}/dashboard?q=hasselt`);
  assert.deepEqual(await page.locator('table.organisations tbody th a').allInnerTexts(), ['Hasselt']);

  await page.goto(`${server.base}/admin/accounts`);
  await page.locator('#new-account-email').waitFor();
  await checkPage(page, 'admin-accounts');
  const email = 'coordinator@hasselt.test';
  await page.fill('#new-account-email', email);
  await page.fill('#new-account-display_name', 'Coördinator Hasselt');
  await page.selectOption('#new-account-role', 'coordinator');
  await page.fill('#new-account-organisations', '71022');
  await Promise.all([page.waitForURL(/\/admin\/accounts\?sent=1$/), page.click('form[action="/admin/accounts"] button[type=submit]')]);
  assert.match(await page.locator('main [role=status]').first().innerText(), /per e-mail verstuurd/);

  // The activation e-mail arrives; its link works once.
  const deadline = Date.now() + 20_000;
  let mail;
  while (!(mail = smtp.messages.find((m) => m.to === email))) {
    assert.ok(Date.now() < deadline, 'the activation e-mail arrived');
    await new Promise((ok) => setTimeout(ok, 100));
  }
  const link = mail.text.match(/https?:\/\/\S+?\/account\/link\/[A-Za-z0-9]+/)[0];
  const coordinator = await newContext(browser);
  const own = await coordinator.newPage();
  await own.goto(link);
  await own.locator('#new-password').waitFor();
  await checkPage(own, 'account-activation');
  await own.fill('#new-password', 'hasselt houdt van integriteit');
  await own.fill('#new-password-again', 'hasselt houdt van integriteit');
  await Promise.all([own.waitForURL(/\/login\?password-set=1$/), own.click('main form button[type=submit]')]);
  await login(own, server.base, [email, 'hasselt houdt van integriteit']);
  await serverRendered(own);
  assert.match(await own.locator('main h2').first().innerText(), /Hasselt/);
  await own.fill('input[name=name]', 'QuickScan Hasselt');
  await Promise.all([own.waitForURL(/\/rounds\/\d+$/), own.click('form[action$="/rounds"] button[type=submit]')]);
  assertNoBrowserErrors(coordinator);
  await coordinator.close();

  // The admin sees who did what.
  await page.goto(`${server.base}/admin/audit`);
  await page.locator('table.audit-log').waitFor();
  await checkPage(page, 'admin-audit-log');
  const log = await page.locator('table.audit-log').innerText();
  for (const action of ['Organisatielijst geïmporteerd', 'Organisatie toegevoegd', 'Account aangemaakt', 'Wachtwoord ingesteld via link', 'Bevraging geopend']) {
    assert.match(log, new RegExp(action));
  }
  assertNoBrowserErrors(admin);
  await admin.close();
});

/** Presses a form's button and waits until the page it leads to (after any redirect) has loaded. */
async function postAndLand(page, button) {
  const landed = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await button.click();
  await landed;
  await page.waitForLoadState('load');
}

test('a coordinator adopts advice, sets a target and dates an action; the next round says what moved and which action is overdue', async () => {
  // The plan is drawn up without JavaScript: every form is a plain post.
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, server.base, DEMO.coordinator);
  const year = new Date().getFullYear();
  const baseRound = await roundIdByName(page, server.base, `QuickScan ${year - 1}`);
  await page.goto(`${server.base}/rounds/${baseRound}/report`);
  await Promise.all([page.waitForURL(/\/plan$/), page.click(`main a[href="/rounds/${baseRound}/plan"]`)]);
  await checkPage(page, 'coordinator-plan-nojs');
  const before = await page.locator('table.plan-actions tbody tr').count();
  // Two advice items adopted, each with one click.
  const adopted = [];
  for (let i = 0; i < 2; i += 1) {
    const button = page.locator('.plan-advice button[name=advice]').first();
    adopted.push((await button.locator('xpath=..').innerText()).split(': ').slice(1).join(': ').replace(/\s*Overnemen als actie\s*$/, '').trim());
    await postAndLand(page, button);
  }
  assert.equal(await page.locator('table.plan-actions tbody tr').count(), before + 2, 'two actions adopted');
  for (const title of adopted) assert.ok((await page.locator('table.plan-actions').innerText()).includes(title), `adopted: ${title}`);
  // A target for the first dimension: the highest level, with an ambition.
  const target = page.locator('form.plan-target').first();
  const options = await target.locator('select[name=target] option').allTextContents();
  await target.locator('select[name=target]').selectOption({ index: options.length - 1 });
  await target.locator('input[name=ambition]').fill('Het beleid is goedgekeurd en iedereen kent het.');
  await postAndLand(page, target.locator('button[type=submit]'));
  assert.equal(await page.locator('form.plan-target').first().locator('input[name=ambition]').inputValue(), 'Het beleid is goedgekeurd en iedereen kent het.');
  // The first adopted action gets an owner and a due date that has passed.
  const edit = page.locator('details.plan-action-edit', { hasText: adopted[0] });
  await edit.locator('summary').click();
  await edit.locator('input[name=owner]').fill('Algemeen directeur');
  await edit.locator('input[name=due]').fill(`${year - 1}-01-15`);
  await postAndLand(page, edit.locator('button.primary'));
  const lateRow = page.locator('table.plan-actions tbody tr', { hasText: adopted[0] });
  assert.match(await lateRow.innerText(), /over tijd/);
  assert.match(await lateRow.innerText(), /Algemeen directeur/);
  await page.goto(`${server.base}/rounds/${baseRound}/plan/print`);
  await checkPage(page, 'coordinator-plan-print-nojs');
  assert.equal(await page.locator('article.plan-print table.plan-actions tbody tr').count(), before + 2);
  assertNoBrowserErrors(context);
  // A title of blanks is refused at its field, on the plan's page, and writes nothing (the
  // 422 is logged by the browser, so this comes after the check for errors).
  await page.goto(`${server.base}/rounds/${baseRound}/plan`);
  const editAgain = page.locator('details.plan-action-edit', { hasText: adopted[1] });
  await editAgain.locator('summary').click();
  await editAgain.locator('input[name=title]').fill('   ');
  await postAndLand(page, editAgain.locator('button.primary'));
  assert.match(await page.locator('main').innerText(), /Geef de actie een titel/);
  await checkPage(page, 'coordinator-plan-refused-nojs', { languageSwitch: false });
  await page.goto(`${server.base}/rounds/${baseRound}/plan`);
  assert.ok((await page.locator('table.plan-actions').innerText()).includes(adopted[1]), 'the title is kept');
  await context.close();

  // The next round is answered by five colleagues and closed.
  const hydratedContext = await newContext(browser);
  const coordinator = await hydratedContext.newPage();
  await login(coordinator, server.base, DEMO.coordinator);
  await serverRendered(coordinator);
  await coordinator.fill('input[name=name]', 'E2E-opvolging');
  await Promise.all([coordinator.waitForURL(/\/rounds\/\d+$/), coordinator.click('form[action$="/rounds"] button[type=submit]')]);
  const nextRound = Number(new URL(coordinator.url()).pathname.split('/')[2]);
  const links = await createInvitations(coordinator, server.base, nextRound, 5);
  for (const [i, link] of links.entries()) await answerScan(browser, link, 3 + (i % 2));
  await coordinator.goto(`${server.base}/rounds/${nextRound}`);
  await Promise.all([coordinator.waitForURL(/\/report$/), coordinator.click(`form[action="/rounds/${nextRound}/close"] button[type=submit]`)]);
  await serverRendered(coordinator);
  const followUp = coordinator.locator('section.follow-up');
  await followUp.waitFor();
  assert.match(await followUp.innerText(), new RegExp(`QuickScan ${year - 1}`), 'it follows up the plan it started from');
  const rows = followUp.locator('table.follow-up-table tbody tr');
  assert.equal(await rows.count(), 10, 'every dimension');
  const verdicts = await rows.locator('td:nth-child(5)').allInnerTexts();
  assert.ok(verdicts.every((v) => /doel bereikt|vooruit|ongeveer gelijk|achteruit|niet te vergelijken/.test(v)), verdicts.join(' | '));
  assert.ok(verdicts.some((v) => /doel bereikt|vooruit/.test(v)), `something moved: ${verdicts.join(' | ')}`);
  const overdue = await followUp.locator('.overdue-actions li').allInnerTexts();
  assert.ok(overdue.some((line) => line.includes(adopted[0]) && line.includes('Algemeen directeur')), overdue.join(' | '));
  await checkPage(coordinator, 'coordinator-report-follow-up');
  assertNoBrowserErrors(hydratedContext);
  await hydratedContext.close();
});

test('the start and login pages', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.base}/`);
  await hydrated(page);
  await checkPage(page, 'home');
  await page.goto(`${server.base}/login`);
  await checkPage(page, 'login');
  assertNoBrowserErrors(context);
  // An unknown link answers 404, which the browser logs; the page itself must be fine.
  await page.goto(`${server.base}/s/not-a-real-token`);
  await checkPage(page, 'unknown-invitation');
  await context.close();
});
