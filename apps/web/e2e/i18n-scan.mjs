// Finds codes that reached a zh-CN screen untranslated: snake_case tokens (fault_report, price_review_overdue),
// camelCase field names (dueAt, inProgress) and known enum values shown as bare English words (acknowledged, default,
// entitlement; these only on zh-CN pages). Used by scan-i18n.mjs and the browser smoke test. Text of inputs, <code>/<pre> and elements marked
// data-i18n-ignore is left out.

/** Enum values and codes that must never appear as words on a zh-CN page. */
export const KNOWN_CODES = [
  'acknowledged',
  'inProgress',
  'resolved',
  'rejected',
  'cancelled',
  'pending',
  'suspended',
  'terminated',
  'churned',
  'prospect',
  'consultation',
  'complaint',
  'critical',
  'major',
  'minor',
  'diamond',
  'platinum',
  'crystal',
  'default',
  'entitlement',
  'published',
  'draft',
  'answer',
  'intent',
];

const SNAKE = /(?<![\w@./:-])[a-z]+_[a-z_]+(?![\w@./:-])/g;
const CAMEL = /(?<![\w@./:-])[a-z]+[A-Z][a-zA-Z]*(?![\w@./:-])/g;
const KNOWN = new RegExp(`(?<![\\w@./:-])(${KNOWN_CODES.join('|')})(?![\\w@./:-])`, 'g');

/**
 * The offending tokens of a page's visible text (pure, for tests and the browser). On an English page the known enum
 * values are ordinary words ("Pending", "default"), so only snake_case and camelCase codes count there.
 */
export function rawTokensOf(text, { lang = 'zh-CN' } = {}) {
  const found = new Set();
  for (const re of lang === 'en' ? [SNAKE, CAMEL] : [SNAKE, CAMEL, KNOWN])
    for (const m of text.matchAll(re)) found.add(m[0]);
  return [...found].sort();
}

/** The visible text of the page's main area (and open drawers/modals), without ignored elements. */
export async function visibleText(page) {
  return page.evaluate(() => {
    const root = document.body.cloneNode(true);
    for (const el of root.querySelectorAll('input, textarea, code, pre, script, style, [data-i18n-ignore]'))
      el.remove();
    // Stacked blocks (a "Points from bill" tag over "Loyalty points") have no whitespace between them in innerText.
    for (const el of root.querySelectorAll('*')) el.after(' ');
    // innerText needs layout; the clone is measured through a hidden container.
    const box = document.createElement('div');
    box.style.cssText = 'position:absolute;left:-99999px;top:0;width:1440px';
    box.appendChild(root);
    document.documentElement.appendChild(box);
    // biome-ignore lint/performance/useDomNodeTextContent: innerText leaves out hidden text (closed menus, tooltips)
    const text = root.innerText;
    box.remove();
    return text;
  });
}

/** Raw codes on the current page; [] when clean. `lang` defaults to the page's own language. */
export async function scanPage(page, { lang } = {}) {
  const pageLang = lang ?? ((await page.locator('html').getAttribute('lang')) === 'en' ? 'en' : 'zh-CN');
  return rawTokensOf(await visibleText(page), { lang: pageLang });
}
