// Screenshots of every menu page per demo role in one language, then of one detail page per route pattern linked from
// them (a 360, a ticket, an order ...) with each of its tabs, for looking at before a UI change is resolved. Flags
// raw codes (i18n-scan.mjs), Chinese labels on English pages, and labels that wrap or are cut off. Needs a running
// server with the demo operator and the built web app:
//
//   SMOKE_BASE_URL=http://localhost:3000 SHOTS_LANG=en SHOTS_DIR=/tmp/shots node apps/web/e2e/role-shots.mjs [user ...]
//
// Env: SMOKE_BASE_URL (http://localhost:3000), SHOTS_LANG (en | zh-CN, default en), SHOTS_DIR (artifacts/role-shots),
// SMOKE_PASSWORD (demo1234), CHROMIUM_PATH (/usr/bin/chromium), SHOTS_EXTRA (more paths, comma-separated).
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
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the user reads (hidden parts excluded)
        const text = el.innerText?.trim();
        if (!text || el.offsetParent === null) continue;
        if (english && text !== '中文' && /[\u4e00-\u9fff]/.test(text)) out.chinese.add(text.slice(0, 40));
        const range = document.createRange();
        range.selectNodeContents(el);
        // Glyph runs of mixed fonts (CJK fallback) sit a pixel or two apart: a wrap moves by most of a line.
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const tops = rects.map((r) => r.top);
        const line = Math.min(...rects.map((r) => r.height));
        if (rects.length > 1 && Math.max(...tops) - Math.min(...tops) > line * 0.6 && !text.includes('\n'))
          out.wrapped.add(text.slice(0, 40));
        const style = getComputedStyle(el);
        if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.cut.add(text.slice(0, 40));
      }
      return { chinese: [...out.chinese], wrapped: [...out.wrapped], cut: [...out.cut] };
    },
    { selector: LABELS, english },
  );
}

/** Extra paths to visit (with their tabs) for every user: SHOTS_EXTRA=/customers/1,/ka/accounts/1 */
const extra = (process.env.SHOTS_EXTRA ?? '').split(',').filter(Boolean);

async function settle(page) {
  await page.waitForSelector('.ant-pro-page-container, .ant-card, .ant-table', { timeout: 20_000 }).catch(() => {});
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(800);
}

/** Screenshot + scan of the current page; 1 when something is to look at. */
async function look(page, user, p, suffix, tab = '') {
  const name = `${user}${p.replace(/[/?=]+/g, '-')}${suffix}`;
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
  const raw = await scanPage(page, { lang });
  const labels = await inspectLabels(page, lang === 'en');
  const notes = [
    raw.length ? `raw: ${raw.join(', ')}` : '',
    labels.chinese.length ? `chinese: ${labels.chinese.join(' | ')}` : '',
    labels.wrapped.length ? `wrapped: ${labels.wrapped.join(' | ')}` : '',
    labels.cut.length ? `cut: ${labels.cut.join(' | ')}` : '',
  ].filter(Boolean);
  console.log(
    `[role-shots] ${notes.length ? 'LOOK' : 'ok  '} ${user} ${p}${tab ? ` [${tab}]` : ''} -> ${name}.png${notes.length ? `\n    ${notes.join('\n    ')}` : ''}`,
  );
  return notes.length ? 1 : 0;
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
      // Detail pages (a 360, a ticket, an order ...) linked from the menu pages: the first of each route pattern.
      const details = new Map();
      const visit = async (p, tabs) => {
        await page.goto(`${base}${p}`);
        await settle(page);
        findings += await look(page, user, p, '');
        if (!tabs) return;
        const names = await page
          .locator('.ant-tabs-top > .ant-tabs-nav .ant-tabs-tab')
          .allInnerTexts()
          .catch(() => []);
        for (const [i, tab] of names.entries()) {
          if (i === 0) continue;
          await page.locator('.ant-tabs-top > .ant-tabs-nav .ant-tabs-tab').nth(i).click();
          await settle(page);
          findings += await look(page, user, p, `-tab${i}`, tab.trim());
        }
      };
      for (const p of paths) {
        await visit(p, false);
        const hrefs = await page.$$eval('main a[href], .ant-layout-content a[href]', (as) =>
          as.map((a) => new URL(a.href).pathname),
        );
        for (const h of hrefs) {
          const key = h.replace(/\/\d+/g, '/:id');
          if (key !== h && !details.has(key)) details.set(key, h);
        }
      }
      for (const p of new Set([...extra, ...details.values()])) await visit(p, true);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`[role-shots] ${findings} page(s) to look at; screenshots in ${dir}`);
}

await main();
