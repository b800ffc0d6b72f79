import { badRequest } from '../../platform/errors';

export const maxAttachmentBytes = 10 * 1024 * 1024;

/** Accepted attachment types, with the leading bytes a real file of that type starts with (when it has any). */
const allowedTypes: Record<string, { ext: string[]; magic?: number[][] }> = {
  'application/pdf': { ext: ['pdf'], magic: [[0x25, 0x50, 0x44, 0x46]] },
  'image/png': { ext: ['png'], magic: [[0x89, 0x50, 0x4e, 0x47]] },
  'image/jpeg': { ext: ['jpg', 'jpeg'], magic: [[0xff, 0xd8, 0xff]] },
  'image/vnd.dwg': { ext: ['dwg'], magic: [[0x41, 0x43]] },
  'application/zip': { ext: ['zip'], magic: [[0x50, 0x4b, 0x03, 0x04]] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    ext: ['docx'],
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    ext: ['xlsx'],
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  'text/plain': { ext: ['txt'] },
};
export const allowedContentTypes = Object.keys(allowedTypes);

/** A file name safe to show and to put in Content-Disposition: no paths, no control or quote characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '_').trim();
  return (cleaned.replace(/^\.+/, '') || 'file').slice(0, 200);
}

/** Decodes and checks an upload: type allowed, extension matching, content matching the type, size within limits. */
export function checkAttachment(input: { fileName: string; contentType: string; contentBase64: string }) {
  const type = input.contentType.toLowerCase().split(';')[0].trim();
  const spec = allowedTypes[type];
  if (!spec)
    throw badRequest('attachments.type_not_allowed', `contentType: ${type} is not accepted`, [
      { path: 'contentType', message: `not accepted; use one of ${allowedContentTypes.join(', ')}` },
    ]);
  const fileName = safeFileName(input.fileName);
  const ext = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  if (!spec.ext.includes(ext))
    throw badRequest('attachments.extension_mismatch', 'fileName: extension does not match the content type', [
      { path: 'fileName', message: `expected .${spec.ext.join(' or .')}` },
    ]);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.contentBase64))
    throw badRequest('attachments.bad_content', 'contentBase64: not base64', [
      { path: 'contentBase64', message: 'not base64' },
    ]);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0 || bytes.length > maxAttachmentBytes)
    throw badRequest('attachments.too_large', `file must be 1 byte to ${maxAttachmentBytes} bytes`, [
      { path: 'contentBase64', message: `size ${bytes.length} bytes outside 1..${maxAttachmentBytes}` },
    ]);
  if (spec.magic && !spec.magic.some((m) => m.every((b, i) => bytes[i] === b)))
    throw badRequest('attachments.content_mismatch', 'the file content is not of the declared type', [
      { path: 'contentBase64', message: `content is not ${type}` },
    ]);
  return { fileName, contentType: type, bytes };
}
