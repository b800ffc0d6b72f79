// Screenshots of the loyalty screens in zh-CN at 1440 px against a running server (BASE_URL), for review:
//   BASE_URL=http://localhost:3917 OUT=/tmp/shots node apps/web/e2e/loyalty-shots.mjs
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const out = process.env.OUT ?? 'artifacts/screenshots';
const user = process.env.SHOT_USER ?? 'marketing1';
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#username', user);
  await page.fill('#password', process.env.SHOT_PASSWORD ?? 'demo1234');
  await page.click('button[type=submit]');
  await page.getByTestId('header-user').waitFor();
  // A member with a history: the latest audited points movement names its customer.
  const admin = await browser.newContext();
  const ap = await admin.newPage();
  await ap.goto(`${base}/login`);
  await ap.fill('#username', 'admin');
  await ap.fill('#password', process.env.SHOT_PASSWORD ?? 'demo1234');
  await ap.click('button[type=submit]');
  await ap.getByTestId('header-user').waitFor();
  const customerId =
    process.env.CUSTOMER_ID ??
    (await ap.evaluate(async () => {
      // The newest entries are the daily earning job's; a redemption of the seeded history is further back.
      for (let offset = 0; offset < 20_000; offset += 200) {
        const r = await fetch(`/api/audit?entity=loyalty_points&limit=200&offset=${offset}`);
        const page = await r.json();
        const hit = page.items.find((e) => e.action === 'redeem');
        if (hit) return hit.customerId;
        if (page.items.length < 200) break;
      }
      return null;
    }));
  await page.goto(`${base}/customers/${customerId}?tab=loyalty`);
  await page.getByTestId('loyalty-tab').waitFor();
  await page.getByTestId('loyalty-balance').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/loyalty-360.png`, fullPage: true });
  await page.getByTestId('loyalty-redeem').click();
  await page.getByTestId('loyalty-reward').click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/loyalty-redeem.png` });
  await page.keyboard.press('Escape');
  await page.goto(`${base}/loyalty/rewards`);
  await page.getByTestId('reward-new').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/loyalty-rewards.png`, fullPage: true });
  await page.goto(`${base}/ka/entitlements`);
  await page.getByTestId('rule-points_multiplier-star5').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/entitlement-catalog.png`, fullPage: true });
  console.log(`customer ${customerId}: screenshots in ${out}`);
} finally {
  await browser.close();
}
