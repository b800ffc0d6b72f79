import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { antdTheme } from '../theme';
import { isLocale, type Locale, translate } from './catalog';
import { type EnumName, enumKey, enumValues } from './enums';

export type { Locale, MessageFile, Messages } from './catalog';
export { type EnumName, enumValues } from './enums';

export type TFunction = (key: string, vars?: Record<string, string | number>) => string;

type I18nContextValue = { locale: Locale; setLocale: (l: Locale) => void; t: TFunction };

const STORAGE_KEY = 'crm.locale';

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage unavailable (private mode): use the default
  }
  return 'zh-CN';
}

const I18nContext = createContext<I18nContextValue>({
  locale: 'zh-CN',
  setLocale: () => {},
  t: (key, vars) => translate('zh-CN', key, vars),
});

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // ignore
    }
  }, []);

  // dayjs is switched during render so children formatting in this pass already use the new locale.
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.title');
  }, [locale]);

  const value = useMemo<I18nContextValue>(
    () => ({ locale, setLocale, t: (key, vars) => translate(locale, key, vars) }),
    [locale, setLocale],
  );

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={antdTheme}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

/** `t('menu.customers')`, `t('common.totalItems', { total: 3 })`: `{name}` placeholders, falls back to the key. */
export function useT(): TFunction {
  return useContext(I18nContext).t;
}

export function useLocale(): { locale: Locale; setLocale: (l: Locale) => void } {
  const { locale, setLocale } = useContext(I18nContext);
  return { locale, setLocale };
}

/** The label of an enum value: `enumLabel(t, 'category', 'key_account')` -> '大客户'; empty for null. */
export function enumLabel(t: TFunction, name: EnumName, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return t(enumKey(name, value));
}

/** Select options for an enum: `[{ value: 'key_account', label: '大客户' }, ...]`. */
export function enumOptions<N extends EnumName>(
  t: TFunction,
  name: N,
  only?: readonly string[],
): { value: (typeof enumValues)[N][number]; label: string }[] {
  const values = enumValues[name] as readonly (typeof enumValues)[N][number][];
  return values.filter((v) => !only || only.includes(v)).map((value) => ({ value, label: t(enumKey(name, value)) }));
}

/** A ProTable / ProForm `valueEnum` for an enum: `{ key_account: { text: '大客户' }, ... }`. */
export function enumValueEnum(t: TFunction, name: EnumName): Record<string, { text: string }> {
  return Object.fromEntries(enumValues[name].map((value) => [value, { text: t(enumKey(name, value)) }]));
}

/** Hook form of the helpers above, bound to the current locale. */
export function useEnums() {
  const t = useT();
  return useMemo(
    () => ({
      label: (name: EnumName, value: string | null | undefined) => enumLabel(t, name, value),
      options: <N extends EnumName>(name: N, only?: readonly string[]) => enumOptions(t, name, only),
      valueEnum: (name: EnumName) => enumValueEnum(t, name),
    }),
    [t],
  );
}
