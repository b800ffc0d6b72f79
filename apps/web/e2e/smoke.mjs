// Browser smoke test: the real server + the built web app in Debian's Chromium (playwright-core, never downloads).
//
//   npm run build && npm run test:browser
//
// Starts the compiled server as `npm start` runs it (`node apps/server/dist/main.js`, built by `npm run build`) on a
// fresh DATA_DIR (the embedded demo operator loads on first start),
// unless SMOKE_BASE_URL points at a running server. Env: SMOKE_PORT (3123), SMOKE_BASE_URL, SMOKE_USER (am1),
// SMOKE_PASSWORD (demo1234), SMOKE_HEALTH_TIMEOUT_MS (600000), CHROMIUM_PATH (/usr/bin/chromium).
// Screenshots go to artifacts/screenshots/ at the repository root; the server log to artifacts/smoke-server.log.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { scanPage } from './i18n-scan.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const dist = path.join(repoRoot, 'apps/web/dist/index.html');
const serverMain = path.join(repoRoot, 'apps/server/dist/main.js');
const artifacts = path.join(repoRoot, 'artifacts');
const shotsDir = path.join(artifacts, 'screenshots');
const port = Number(process.env.SMOKE_PORT ?? 3123);
const externalBase = process.env.SMOKE_BASE_URL?.replace(/\/$/, '');
const base = externalBase ?? `http://localhost:${port}`;
const username = process.env.SMOKE_USER ?? 'am1';
const password = process.env.SMOKE_PASSWORD ?? 'demo1234';
const healthTimeoutMs = Number(process.env.SMOKE_HEALTH_TIMEOUT_MS ?? 600_000);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STEP_TIMEOUT = 60_000;

const results = [];
let server = null;
let dataDir = null;
let browser = null;

function log(message) {
  console.log(`[smoke] ${message}`);
}

function fail(message) {
  console.error(`[smoke] ${message}`);
  console.log('smoke: 0 passed, 1 failed');
  process.exit(1);
}

async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    results.push({ name, ok: false });
    log(`FAIL ${name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function startServer() {
  dataDir = mkdtempSync(path.join(tmpdir(), 'crm-smoke-'));
  const logFile = createWriteStream(path.join(artifacts, 'smoke-server.log'));
  log(`starting the server on port ${port} (DATA_DIR=${dataDir}) ...`);
  server = spawn(process.execPath, ['--enable-source-maps', serverMain], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout.pipe(logFile);
  server.stderr.pipe(logFile);
  server.on('exit', (code) => {
    if (code !== null && code !== 0) log(`the server exited with code ${code} (see artifacts/smoke-server.log)`);
    server = null;
  });
}

/**
 * Stops the server and deletes its throwaway database. The server finishes its running job before it exits (the
 * demo's jobs may still run when the steps are done): after 5 s its process group is killed, so the directory is
 * not deleted while the database still writes it.
 */
async function stopServer() {
  const child = server;
  if (child?.pid) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const signal = (name) => {
      try {
        process.kill(-child.pid, name);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    signal('SIGKILL');
  }
  server = null;
  if (dataDir) {
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    rmSync(`${dataDir}.lock`, { force: true }); // left behind when the server was killed
  }
}

async function waitForHealth() {
  const deadline = Date.now() + healthTimeoutMs;
  let lastLog = 0;
  while (Date.now() < deadline) {
    if (!externalBase && !server) {
      throw new Error(`the server process exited before becoming healthy; its last output:\n${serverLogTail()}`);
    }
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - lastLog > 15_000) {
      log(`waiting for ${base}/api/health (the first start loads the demo operator) ...`);
      lastLog = Date.now();
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${base}/api/health did not answer within ${Math.round(healthTimeoutMs / 1000)} s`);
}

function serverLogTail(lines = 15) {
  try {
    const text = readFileSync(path.join(artifacts, 'smoke-server.log'), 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Waits (up to SMOKE_SCORING_TIMEOUT_MS, 15 min) until the risk list has a succeeded scoring run in the session. */
async function waitForScoringRun(page) {
  const deadline = Date.now() + Number(process.env.SMOKE_SCORING_TIMEOUT_MS ?? 900_000);
  let lastLog = 0;
  for (;;) {
    const run = await page.evaluate(async () => {
      const res = await fetch('/api/churn/risk-list?limit=1');
      return res.ok ? (await res.json()).run : null;
    });
    if (run) return;
    if (Date.now() > deadline) throw new Error('no churn scoring run finished (the demo queues training and scoring)');
    if (Date.now() - lastLog > 30_000) {
      log('  waiting for the demo churn scoring run ...');
      lastLog = Date.now();
    }
    await page.waitForTimeout(5000);
  }
}

/** Raw codes seen on the pages (i18n-scan.mjs, by the page's language), by screenshot name; the last step fails on any. */
const rawCodes = [];

async function shot(page, name) {
  await page.mouse.move(720, 880); // away from hover menus (the avatar drop-down), then let them close
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: false });
  const tokens = await scanPage(page);
  if (tokens.length) rawCodes.push(`${name}: ${tokens.join(', ')}`);
}

/** The 360 page's change history (labelled fields, people's names), loaded. */
async function openHistoryTab(page, label) {
  await page.getByRole('tab', { name: new RegExp(`^${label}`) }).click();
  await page.waitForURL(/tab=history/);
  await page.locator('.ant-pro-table .ant-table-row, .ant-pro-table .ant-empty').first().waitFor();
  await page.waitForLoadState('networkidle').catch(() => {});
}

/** The admin audit log with its first page of records, loaded. */
async function openAuditLog(page) {
  await page.goto(`${base}/admin/audit`);
  await page.locator('.ant-table-row').first().waitFor();
  await page.waitForLoadState('networkidle').catch(() => {});
}

async function main() {
  if (!existsSync(dist)) fail('apps/web/dist/index.html is missing: run `npm run build` first.');
  if (!externalBase && !existsSync(serverMain)) fail('apps/server/dist/main.js is missing: run `npm run build` first.');
  if (!existsSync(chromiumPath))
    fail(`Chromium not found at ${chromiumPath}: install it with \`apt-get update && apt-get install -y chromium\`.`);
  mkdirSync(shotsDir, { recursive: true });

  if (externalBase) log(`using the running server at ${externalBase}`);
  else await startServer();
  await waitForHealth();
  log('server healthy');

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));

  let customerName = '';

  await step('login as am1 (zh-CN login page)', async () => {
    await page.goto(`${base}/login`);
    await page.waitForSelector('#username');
    assert((await page.locator('html').getAttribute('lang')) === 'zh-CN', 'the page language is not zh-CN');
    await page.getByText('演示账号').waitFor();
    await shot(page, '01-login');
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    // An account manager starts on the workbench.
    await page.waitForURL(/\/workbench$/);
    await page.getByTestId('header-user').waitFor();
    await shot(page, '01b-workbench');
    await page.goto(`${base}/customers`);
  });

  await step('customer list shows rows', async () => {
    await page.getByTestId('customer-link').first().waitFor();
    const rows = await page.getByTestId('customer-link').count();
    assert(rows > 0, 'the customer list has no rows');
    const userName = (await page.getByTestId('header-user').textContent())?.trim();
    const managers = await page.getByTestId('am-cell').allTextContents();
    const others = managers.filter((m) => m.trim() !== userName).length;
    log(`  ${rows} rows on the first page; ${rows - others} owned by ${userName}, ${others} shared or other`);
    await shot(page, '02-customers');
  });

  await step('customer 360 shows the header and the tabs', async () => {
    const link = page.getByTestId('customer-link').first();
    customerName = (await link.textContent())?.trim() ?? '';
    await link.click();
    await page.waitForURL(/\/customers\/\d+/);
    const header = page.getByTestId('customer-name');
    await header.waitFor();
    const shown = (await header.textContent())?.trim() ?? '';
    assert(shown.includes(customerName), `header shows "${shown}", expected "${customerName}"`);
    for (const tab of ['概览', '联系人', '账户', '产品', '合同', '账单', '接触记录', '变更历史']) {
      const count = await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).count();
      assert(count > 0, `tab "${tab}" is missing`);
    }
    await shot(page, '03-customer-360');
  });

  await step('antd styles come from the built stylesheet, not generated in the browser', async () => {
    // The build extracts them (scripts/antd-style-catalog.tsx). A theme or catalogue drift would make the browser
    // generate them again: the page still looks right, but first visits are a second slower.
    const { linked, generated } = await page.evaluate(() => ({
      linked: [...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => /\/assets\/antd-/.test(l.href)),
      generated: [...document.querySelectorAll('style[data-css-hash]')].map((s) => (s.textContent ?? '').slice(0, 60)),
    }));
    assert(linked, 'index.html links no assets/antd-*.css');
    assert(
      generated.length <= 3,
      `${generated.length} antd styles generated in the browser:\n  ${generated.join('\n  ')}`,
    );
  });

  await step('the history tab of the 360 page shows labelled changes (zh-CN)', async () => {
    await openHistoryTab(page, '变更历史');
    await shot(page, '03b-history');
    await page.getByRole('tab', { name: /^概览/ }).click();
  });

  await step('the 360 activity timeline (动态) reads without raw codes (zh-CN)', async () => {
    await page.getByRole('tab', { name: /^动态/ }).click();
    await page.locator('.ant-timeline-item').first().waitFor();
    await page.waitForLoadState('networkidle').catch(() => {});
    await shot(page, '03c-timeline');
  });

  await step('bills tab draws the 24-month spend chart', async () => {
    await page.getByRole('tab', { name: /^账单/ }).click();
    await page.locator('[data-testid=spend-chart] canvas').first().waitFor();
    const box = await page.locator('[data-testid=spend-chart] canvas').first().boundingBox();
    assert(box && box.width > 100 && box.height > 100, 'the spend chart canvas has no size');
    await page.waitForTimeout(1500); // let the chart animation finish before the screenshot
    await shot(page, '04-bills');
  });

  let customerUrl = '';
  await step('the header bell opens the latest alerts', async () => {
    customerUrl = page.url();
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-panel').waitFor();
    await shot(page, '05a-bell');
    await page.getByTestId('notification-bell').click();
  });

  await step('the demo S1 order in fulfilment shows its steps', async () => {
    await page.goto(`${base}/ka/orders`);
    const order = page.getByRole('link', { name: /^SO\d+/ }).first();
    // Staff who fulfil steps land on "my steps"; the order list is the other tab.
    if (
      !(await order.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      ))
    )
      await page.getByRole('tab').nth(1).click();
    await order.click();
    await page.waitForURL(/\/ka\/orders\/\d+/);
    await page.getByText('客户书面确认').first().waitFor();
    await shot(page, '05b-order');
  });

  await step('the pipeline board shows the demo opportunities', async () => {
    await page.goto(`${base}/ka/pipeline`);
    // S2's hospital prospect, seeded for am1 with the demo.
    await page.getByText('新院区通信建设').first().waitFor();
    await shot(page, '05c-pipeline');
    await page.goto(customerUrl);
    await page.getByTestId('customer-name').waitFor();
  });

  await step('the churn pages open from the 360 page', async () => {
    await page.getByTestId('open-churn').click();
    await page.waitForURL(/\/churn\/customers\/\d+/);
    await page.getByText('挽留动作记录').waitFor();
    await shot(page, '05d-churn-customer');
  });

  await step('the churn risk list has rows, and a customer opens with its risk', async () => {
    // The first start trains and scores in the job worker: wait for a succeeded scoring run first.
    await waitForScoringRun(page);
    await page.goto(`${base}/churn/risk`);
    await page.getByText('流失风险名单').first().waitFor();
    const first = page.getByTestId('risk-customer').first();
    await first.waitFor();
    const rows = await page.getByTestId('risk-customer').count();
    log(`  ${rows} customers on the first page of the risk list`);
    await shot(page, '05e-churn-risk');
    const name = (await first.textContent())?.trim() ?? '';
    await first.click();
    await page.waitForURL(/\/churn\/customers\/\d+/);
    await page.getByText('挽留动作记录').waitFor();
    await page.getByText(name).first().waitFor();
    // Its 360 header strip shows the same score, linking back to the churn page.
    await page.goto(page.url().replace('/churn/customers/', '/customers/'));
    await page.getByTestId('headline-churn').waitFor();
    await shot(page, '05f-churn-headline');
    await page.goto(customerUrl);
    await page.getByTestId('customer-name').waitFor();
  });

  await step('switching to English relabels the page', async () => {
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await page.getByRole('tab', { name: /^Overview/ }).waitFor();
    await page.getByRole('tab', { name: /^Bills/ }).waitFor();
    await page.getByText('Spend over the last 24 months').waitFor();
    assert((await page.locator('html').getAttribute('lang')) === 'en', 'the page language did not switch to en');
    await page.waitForTimeout(1500);
    await shot(page, '05-english');
    await openHistoryTab(page, 'History');
    await shot(page, '05f-history-en');
  });

  await step('the admin audit log reads without raw codes (zh-CN and en)', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      const admin = await adminContext.newPage();
      admin.setDefaultTimeout(STEP_TIMEOUT);
      await admin.goto(`${base}/login`);
      await admin.fill('#username', 'admin');
      await admin.fill('#password', password);
      await admin.click('button[type=submit]');
      await admin.getByTestId('header-user').waitFor();
      await openAuditLog(admin);
      await shot(admin, '06-audit');
      await admin.getByTestId('language-switch').getByText('EN', { exact: true }).click();
      await admin.getByText('Audit log').first().waitFor();
      await openAuditLog(admin);
      await shot(admin, '06b-audit-en');
    } finally {
      await adminContext.close();
    }
  });

  // One page per further role, in both languages: the scan above covers them too.
  const rolePages = [
    ['am1', '/ka/accounts/1', 'ka-account'],
    ['backoffice1', '/service-desk/work-orders', 'work-orders'],
    ['marketing1', '/home/marketing', 'marketing-home'],
  ];
  for (const [user, pagePath, name] of rolePages) {
    await step(`${user} ${pagePath} reads without raw codes (zh-CN and en)`, async () => {
      const roleContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      try {
        const p = await roleContext.newPage();
        p.setDefaultTimeout(STEP_TIMEOUT);
        await p.goto(`${base}/login`);
        await p.fill('#username', user);
        await p.fill('#password', password);
        await p.click('button[type=submit]');
        await p.getByTestId('header-user').waitFor();
        for (const lang of ['zh', 'en']) {
          if (lang === 'en') await p.getByTestId('language-switch').getByText('EN', { exact: true }).click();
          await p.goto(`${base}${pagePath}`);
          await p.locator('.ant-table-row, .ant-card-body').first().waitFor();
          await p.waitForLoadState('networkidle').catch(() => {});
          await shot(p, `07-${name}-${lang}`);
        }
      } finally {
        await roleContext.close();
      }
    });
  }

  await step('the 360 activity timeline reads without raw codes (en)', async () => {
    await page.goto(customerUrl);
    await page.getByRole('tab', { name: /^Activity/ }).click();
    await page.locator('.ant-timeline-item').first().waitFor();
    await page.waitForLoadState('networkidle').catch(() => {});
    await shot(page, '05g-timeline-en');
  });

  await step('no raw codes on the pages visited (zh-CN and en)', async () => {
    assert(rawCodes.length === 0, `untranslated codes: ${rawCodes.join('; ')}`);
  });

  if (pageErrors.length) log(`page errors: ${pageErrors.join(' | ')}`);
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  results.push({ name: 'setup', ok: false });
  log(`FAIL setup: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await browser?.close().catch(() => {});
  if (!externalBase) await stopServer();
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  if (failed > 0 || passed === 0) exitCode = 1;
  console.log(`smoke: ${passed} passed, ${failed} failed`);
}
process.exit(exitCode);
