// China identifier formats, shared by the server (authoritative) and the web forms (early feedback).

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of a Unified Social Credit Code (GB 32100-2015) for its first 17 characters. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARS.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * CREDIT_CODE_WEIGHTS[i];
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARS[check];
}

/** True for an 18-character Unified Social Credit Code whose check character is right. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** The check character of an 18-digit resident ID number (GB 11643-1999) for its first 17 digits. */
export function idNumberCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** True for an 18-character resident ID with a real birth date and the right check character. */
export function isValidIdNumber(id: string): boolean {
  const value = id.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return false;
  if (!isRealDate(value.slice(6, 14))) return false;
  return idNumberCheckChar(value.slice(0, 17)) === value[17];
}

/** Mainland mobile number: 11 digits starting 13-19. */
export function isValidMobile(mobile: string): boolean {
  return /^1[3-9]\d{9}$/.test(mobile);
}

/** Fixed-line or mobile number: digits with an optional area code prefix and dash, 7 to 12 digits. */
export function isValidPhone(phone: string): boolean {
  return /^(0\d{2,3}-?)?\d{7,8}$/.test(phone) || isValidMobile(phone);
}

export function maskIdNumber(id: string | null): string | null {
  if (!id) return id;
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  if (phone.length < 7) return '****';
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/**
 * Whether a user-given link may be stored and shown as a link: an absolute http(s) URL only (never `javascript:`,
 * `data:`, `vbscript:`, `file:` ...).
 */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
