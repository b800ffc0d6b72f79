import { TranslationOutlined } from '@ant-design/icons';
import { Segmented, Space } from 'antd';
import { type Locale, useLocale, useT } from '../i18n';

/** 中文 / EN switch; the choice is kept in localStorage. */
export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <Space size={6} data-testid="language-switch">
      <TranslationOutlined style={{ color: 'rgba(0,0,0,0.45)' }} aria-label={t('layout.language')} />
      <Segmented<Locale>
        size="small"
        value={locale}
        onChange={setLocale}
        options={[
          { label: t('layout.lang.zh'), value: 'zh-CN' },
          { label: t('layout.lang.en'), value: 'en' },
        ]}
      />
    </Space>
  );
}
