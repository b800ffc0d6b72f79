// Screenshots of every menu page per demo role in one language, for looking at before a UI change is resolved. Flags
// raw codes (i18n-scan.mjs), Chinese labels on English pages, and labels that wrap or are cut off. Needs a running
// server with the demo operator and the built web app:
//
//   SMOKE_BASE_URL=http://localhost:3000 SHOTS_LANG=en SHOTS_DIR=/tmp/shots node apps/web/e2e/role-shots.mjs [user ...]
//
// Env: SMOKE_BASE_URL (http://localhost:3000), SHOTS_LANG (en | zh-CN, default en), SHOTS_DIR (artifacts/role-shots),
// SMOKE_PASSWORD (demo1234), CHROMIUM_PATH (/usr/bin/chromium).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { scanPage } from './i18n-scan.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const base = (process.env.SMOKE_BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const password = process.env.SMOKE_PASSWORD ?? 'demo1234';
const lang = process.env.SHOTS_LANG ?? 'en';
const dir = process.env.SHOTS_DIR ?? path.resolve(here, '../../../artifacts/role-shots');
const users = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['admin', 'manager1', 'am1', 'agent1', 'backoffice1', 'marketing1'];
mkdirSync(dir, { recursive: true });

/** Label-like elements: Chinese in them on an English page, or their text wrapping or cut off, is a finding. */
const LABELS = [
  'th',
  '.ant-btn',
  '.ant-tag',
  '.ant-tabs-tab',
  '.ant-descriptions-item-label',
  '.ant-statistic-title',
  '.ant-form-item-label label',
  '.ant-card-head-title',
  '.ant-page-header-heading-title',
  '.ant-pro-page-container-children-container h1, h2, h3, h4, h5',
  '.ant-segmented-item-label',
  '.ant-radio-button-wrapper',
  '.ant-empty-description',
  '.ant-select-selection-placeholder',
].join(', ');

async function inspectLabels(page, english) {
  return page.evaluate(
    ({ selector, english }) => {
      const out = { chinese: new Set(), wrapped: new Set(), cut: new Set() };
      for (const el of document.querySelectorAll(selector)) {
        if (el.closest('[data-i18n-ignore], .ant-table-tbody')) continue;
        const text = el.innerText?.trim();
        if (!text || el.offsetParent === null) continue;
        if (english && text !== '中文' && /[\u4e00-\u9fff]/.test(text)) out.chinese.add(text.slice(0, 40));
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1 && !text.includes('\n')) out.wrapped.add(text.slice(0, 40));
        const style = getComputedStyle(el);
        if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.cut.add(text.slice(0, 40));
      }
      return { chinese: [...out.chinese], wrapped: [...out.wrapped], cut: [...out.cut] };
    },
    { selector: LABELS, english },
  );
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  let findings = 0;
  try {
    for (const user of users) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang });
      await context.addInitScript((l) => localStorage.setItem('crm.locale', l), lang);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(`${base}/login`);
      await page.fill('#username', user);
      await page.fill('#password', password);
      await page.click('button[type=submit]');
      await page.getByTestId('header-user').waitFor();
      await page.waitForLoadState('networkidle').catch(() => {});
      const home = new URL(page.url()).pathname;
      const menu = await page.$$eval('.ant-layout-sider a[href], .ant-pro-sider a[href]', (as) =>
        as.map((a) => new URL(a.href).pathname),
      );
      const paths = [...new Set([home, ...menu])];
      for (const p of paths) {
        await page.goto(`${base}${p}`);
        await page
          .waitForSelector('.ant-pro-page-container, .ant-card, .ant-table', { timeout: 20_000 })
          .catch(() => {});
        await page.waitForLoadState('networkidle').catch(() => {});
        await page.waitForTimeout(800);
        const name = `${user}${p.replace(/[/?=]+/g, '-')}`;
        await page.screenshot({ path: path.join(dir, `${name}.png`) });
        const raw = await scanPage(page, { lang });
        const labels = await inspectLabels(page, lang === 'en');
        const notes = [
          raw.length ? `raw: ${raw.join(', ')}` : '',
          labels.chinese.length ? `chinese: ${labels.chinese.join(' | ')}` : '',
          labels.wrapped.length ? `wrapped: ${labels.wrapped.join(' | ')}` : '',
          labels.cut.length ? `cut: ${labels.cut.join(' | ')}` : '',
        ].filter(Boolean);
        if (notes.length) findings++;
        console.log(
          `[role-shots] ${notes.length ? 'LOOK' : 'ok  '} ${user} ${p}${notes.length ? `\n    ${notes.join('\n    ')}` : ''}`,
        );
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`[role-shots] ${findings} page(s) to look at; screenshots in ${dir}`);
}

await main();
