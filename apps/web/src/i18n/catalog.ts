/** Message catalogs: every `messages/*.ts` file merged per locale. Pure (no React), so tests can load it. */

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export type Messages = Record<string, string>;
/** The default export of one `src/i18n/messages/<feature>.ts` file. */
export type MessageFile = Record<Locale, Messages>;

const files = import.meta.glob<{ default: MessageFile }>('./messages/*.ts', { eager: true });

/** Each message file by its name (for the completeness test). */
export const messageFiles: Record<string, MessageFile> = Object.fromEntries(
  Object.entries(files).map(([path, mod]) => [path.replace(/^\.\/messages\//, '').replace(/\.ts$/, ''), mod.default]),
);

function merge(locale: Locale): Messages {
  const out: Messages = {};
  for (const [file, catalog] of Object.entries(messageFiles)) {
    for (const [key, value] of Object.entries(catalog[locale] ?? {})) {
      if (import.meta.env.DEV && key in out && out[key] !== value) {
        console.warn(`[i18n] ${locale} key "${key}" redefined in messages/${file}.ts`);
      }
      out[key] = value;
    }
  }
  return out;
}

export const catalogs: Record<Locale, Messages> = { 'zh-CN': merge('zh-CN'), en: merge('en') };

/** `{name}` placeholders are replaced by `vars.name`; an unknown key falls back to the key itself. */
export function translate(locale: Locale, key: string, vars?: Record<string, string | number>): string {
  const text = catalogs[locale][key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}
