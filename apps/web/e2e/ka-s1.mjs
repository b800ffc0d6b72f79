// S1 walkthrough of the key-account workbench in Debian's Chromium (playwright-core, never downloads a browser),
// against a running server with the demo operator:
//
//   DATA_DIR=/tmp/kadev PORT=3500 npx tsx apps/server/src/main.ts   # in another shell
//   KA_BASE_URL=http://localhost:3500 node apps/web/e2e/ka-s1.mjs
//
// am1 designs three options for the DuPont-like customer (through the API), compares them and lets the customer
// choose the digital circuit in the UI; backoffice1 completes accept, network build and test; am1 records the
// written confirmation (a PDF); backoffice1 starts billing. Screenshots (zh-CN and en) go to artifacts/ka/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../../artifacts/ka');
const base = (process.env.KA_BASE_URL ?? 'http://localhost:3500').replace(/\/$/, '');
const password = process.env.KA_PASSWORD ?? 'demo1234';
mkdirSync(out, { recursive: true });

async function apiSession(username) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await res.json();
  const call = async (method, url, body) => {
    const r = await fetch(`${base}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { get: (u) => call('GET', u), post: (u, b) => call('POST', u, b) };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
async function ui(username, locale) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: locale === 'en' ? 'en-US' : 'zh-CN',
  });
  await context.addInitScript((l) => localStorage.setItem('crm.locale', l), locale);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
  return { page, close: () => context.close() };
}
const shot = async (page, name) => {
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: false });
  console.log(`screenshot ${name}`);
};
const okModal = async (page) => {
  await page.locator('.ant-modal-footer .ant-btn-primary').last().click();
  await page.locator('.ant-modal-wrap').last().waitFor({ state: 'hidden', timeout: 20_000 });
};

// ---------------------------------------------------------------- setup through the API (am1)
const am1 = await apiSession('am1');
const [customer] = (await am1.get(`/api/customers?search=${encodeURIComponent('杜力')}&limit=1`)).items;
const offerings = await am1.get('/api/product-offerings');
const off = (code) => offerings.find((o) => o.code === code).id;
const opp = await am1.post('/api/ka/opportunities', {
  customerId: customer.id,
  title: '新增80部办公电话（内部短号）',
  estMonthlyFen: 300_000,
  competitor: '联通',
});
const options = [
  {
    name: '汇线通（Centrex）接入',
    termMonths: 36,
    items: [{ offeringId: off('CENTREX'), description: '80线', quantity: 80, oneTimeFen: 10_000, monthlyFen: 3_000 }],
  },
  {
    name: '模拟中继',
    termMonths: 36,
    investmentFen: 1_500_000,
    items: [{ offeringId: off('ANALOG_TRUNK'), quantity: 12, oneTimeFen: 50_000, monthlyFen: 15_000 }],
  },
  {
    name: '数字电路',
    termMonths: 36,
    investmentFen: 3_000_000,
    items: [
      { offeringId: off('CENTREX'), description: '号码占用费（80个内部短号）', quantity: 1, monthlyFen: 40_000 },
      {
        offeringId: off('DIGITAL_CIRCUIT'),
        description: '2M数字电路月租',
        quantity: 1,
        oneTimeFen: 200_000,
        monthlyFen: 255_000,
      },
    ],
  },
];
for (const o of options) await am1.post(`/api/ka/opportunities/${opp.id}/options`, o);
console.log(`opportunity ${opp.id} for ${customer.name}`);

// ---------------------------------------------------------------- am1 compares and the customer chooses (zh-CN)
let s = await ui('am1', 'zh-CN');
await s.page.goto(`${base}/workbench`);
await s.page.getByText('客户组合').waitFor();
await shot(s.page, 'zh-01-workbench');
await s.page.goto(`${base}/ka/pipeline`);
await s.page.getByText('新增80部办公电话（内部短号）').first().waitFor();
await shot(s.page, 'zh-02-pipeline');
await s.page.goto(`${base}/ka/opportunities/${opp.id}`);
await s.page.getByText('解决方案比选').waitFor();
await shot(s.page, 'zh-03-options');
const detail = await am1.get(`/api/ka/opportunities/${opp.id}`);
await s.page.click(`[data-testid=choose-${detail.options[2].id}]`);
await s.page.locator('.ant-popconfirm .ant-btn-primary').click();
await s.page.waitForURL(/\/ka\/orders\/\d+/, { timeout: 30_000 });
const orderId = Number(s.page.url().split('/').pop());
await s.page.getByText('开通环节').waitFor();
await shot(s.page, 'zh-04-order-created');
await s.close();

// ---------------------------------------------------------------- backoffice1: my steps, accept, build, test
s = await ui('backoffice1', 'zh-CN');
await s.page.goto(`${base}/ka/orders`);
await s.page.getByText('我的待办环节').waitFor();
await shot(s.page, 'zh-05-my-steps');
await s.page.goto(`${base}/ka/orders/${orderId}`);
for (const kind of ['accept', 'network_build', 'test']) {
  await s.page.click(`[data-testid=complete-${kind}]`);
  if (kind === 'network_build') {
    const inputs = s.page.locator('.ant-modal input[id^=sn_]');
    await inputs.nth(0).fill('NJ-CTX-80-0001');
    await inputs.nth(1).fill('NJ-DC-2M-0088');
  }
  await okModal(s.page);
  await s.page.waitForTimeout(500);
}
await shot(s.page, 'zh-06-after-test');
await s.close();

// ---------------------------------------------------------------- am1 records the customer's written confirmation
s = await ui('am1', 'zh-CN');
await s.page.goto(`${base}/ka/orders/${orderId}`);
await s.page.click('[data-testid=complete-customer_confirmation]');
await s.page.fill('.ant-modal input#signer', '杜力化工 王经理');
const pdf = path.join(out, 'confirmation.pdf');
writeFileSync(pdf, '%PDF-1.4\n% 竣工确认书 (walkthrough)\n');
await s.page.locator('.ant-modal input[type=file]').setInputFiles(pdf);
await shot(s.page, 'zh-07-confirmation');
await okModal(s.page);
await s.close();

// ---------------------------------------------------------------- backoffice1 starts billing
s = await ui('backoffice1', 'zh-CN');
await s.page.goto(`${base}/ka/orders/${orderId}`);
await s.page.click('[data-testid=complete-billing_start]');
await okModal(s.page);
await s.page.getByText('已完成').first().waitFor();
await shot(s.page, 'zh-08-order-completed');
await s.close();

const order = await am1.get(`/api/ka/orders/${orderId}`);
const c360 = await am1.get(`/api/customers/${customer.id}`);
const created = c360.products.filter((p) => order.items.some((i) => i.productInstanceId === p.id));
console.log('order', order.status, 'billing start', order.billingStartDate);
console.log('products', created.map((p) => `${p.serviceNumber} ${p.monthlyFen} ${p.startDate}`).join('; '));
if (
  order.status !== 'completed' ||
  created
    .map((p) => p.monthlyFen)
    .sort()
    .join() !== '255000,40000'
) {
  console.error('S1 walkthrough: unexpected result');
  process.exitCode = 1;
}

// ---------------------------------------------------------------- the same pages in English
s = await ui('am1', 'en');
await s.page.goto(`${base}/workbench`);
await s.page.getByText('Portfolio').first().waitFor();
await shot(s.page, 'en-01-workbench');
await s.page.goto(`${base}/ka/opportunities/${opp.id}`);
await s.page.getByText('Solution options compared').waitFor();
await shot(s.page, 'en-03-options');
await s.page.goto(`${base}/ka/orders/${orderId}`);
await s.page.getByText('Fulfilment steps').waitFor();
await shot(s.page, 'en-08-order-completed');
await s.page.goto(`${base}/customers/${customer.id}`);
await s.page.waitForTimeout(1500);
await shot(s.page, 'en-09-customer-360');
await s.page.goto(`${base}/ka/calendar`);
await s.page.waitForTimeout(1500);
await shot(s.page, 'en-10-calendar');
await s.page.goto(`${base}/ka/warnings`);
await s.page.waitForTimeout(1500);
await shot(s.page, 'en-11-warnings');
await s.page.goto(`${base}/ka/accounts/${customer.id}`);
await s.page.waitForTimeout(1500);
await shot(s.page, 'en-12-account');
await s.close();
await browser.close();
console.log(`S1 walkthrough done (order ${orderId}); screenshots in ${out}`);
