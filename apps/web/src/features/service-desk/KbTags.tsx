import { Tag } from 'antd';
import { useProductOfferings } from '../../api/shared';
import { useLocale } from '../../i18n';

/** `code -> name` of the product catalogue in the UI language; an unknown tag shows as typed. */
export function useProductTagLabel() {
  const { locale } = useLocale();
  const offerings = useProductOfferings();
  const byCode = new Map((offerings.data ?? []).map((o) => [o.code, locale === 'en' ? o.nameEn : o.nameZh]));
  return (code: string) => byCode.get(code) ?? code;
}

/** Knowledge-base product tags as product names ("商务宽带 140元", never "BB_BIZ_140"). */
export function KbTags({ tags }: { tags: string[] }) {
  const label = useProductTagLabel();
  return (
    <>
      {tags.map((code) => (
        <Tag key={code} data-testid="kb-tag">
          {label(code)}
        </Tag>
      ))}
    </>
  );
}
