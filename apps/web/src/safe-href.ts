import { isHttpUrl } from '@crm/contracts';

/**
 * The href to render for a URL that came from data (user input, an integration): an absolute http(s) URL, or a path
 * of this server (`/api/...`, a stored file's download path). Anything else (`javascript:`, `data:`, `vbscript:`,
 * protocol-relative `//host` ...) gives `undefined`: show it as text, never as a link.
 */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  const value = url.trim();
  if (/^\/api\/[^\\]*$/.test(value) && !value.startsWith('//')) return value;
  return isHttpUrl(value) ? value : undefined;
}
