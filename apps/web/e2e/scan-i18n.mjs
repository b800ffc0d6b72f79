// Untranslated-code scan: visits pages of each role in zh-CN (1440 px) and fails on raw codes in the visible text
// (see i18n-scan.mjs). Needs a running server with the demo operator:
//
//   npm run build -w apps/web && SMOKE_BASE_URL=http://localhost:3000 node apps/web/e2e/scan-i18n.mjs
//
// Env: SMOKE_BASE_URL (http://localhost:3000), SMOKE_PASSWORD (demo1234), CHROMIUM_PATH (/usr/bin/chromium),
// SCAN_SHOTS (a directory: a screenshot per page is saved there).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { scanPage } from './i18n-scan.mjs';

const base = (process.env.SMOKE_BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const password = process.env.SMOKE_PASSWORD ?? 'demo1234';
const shots = process.env.SCAN_SHOTS;
if (shots) mkdirSync(shots, { recursive: true });

/** Pages per demo user; `ready` is a selector that shows the page has its data. */
export const SCAN_PLAN = {
  am1: [
    { path: '/workbench' },
    { path: '/ka/pipeline', ready: '[data-testid=pipeline-board] .ant-card' },
    { path: '/ka/warnings' },
    { path: '/tasks' },
    { path: '/customers', ready: '[data-testid=customer-link]' },
  ],
  agent1: [
    { path: '/service-desk/tickets', ready: '.ant-table-row' },
    { path: '/service-desk/kb', ready: '.ant-table-row' },
    // A contact's mobile of the demo S1 customer C0000000001 (the caller card names the contact).
    { path: '/service-desk/hotline?phone=13500798779', ready: '[data-testid=caller-card]', optional: true },
  ],
  backoffice1: [{ path: '/service-desk/work-orders' }],
  manager1: [{ path: '/service-desk/reports/sla' }, { path: '/service-desk/commitments' }],
};

async function login(page, username) {
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.getByTestId('header-user').waitFor();
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const findings = [];
  const started = Date.now();
  try {
    for (const [user, pages] of Object.entries(SCAN_PLAN)) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await login(page, user);
      for (const p of pages) {
        await page.goto(`${base}${p.path}`);
        try {
          await page.waitForSelector(p.ready ?? '.ant-pro-page-container, .ant-card', { timeout: 20_000 });
        } catch (err) {
          if (!p.optional) throw err;
        }
        await page.waitForLoadState('networkidle').catch(() => {});
        const tokens = await scanPage(page);
        const name = `${user}${p.path.replace(/[/?=]+/g, '-')}`;
        if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`) });
        console.log(
          `[scan-i18n] ${tokens.length ? 'FAIL' : 'ok  '} ${user} ${p.path}${tokens.length ? `: ${tokens.join(', ')}` : ''}`,
        );
        if (tokens.length) findings.push({ user, path: p.path, tokens });
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`[scan-i18n] ${findings.length} page(s) with raw codes, ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(findings.length ? 1 : 0);
}

await main();
