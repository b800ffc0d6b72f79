import type { FastifyReply } from 'fastify';

/** Sends a stored file as a download: never rendered inline, never sniffed. */
export function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; bytes: Buffer }) {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', file.contentType)
    .header('content-length', file.bytes.length)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .send(file.bytes);
}

/** Route body limit for JSON uploads carrying a base64 file of up to 10 MB. */
export const UPLOAD_BODY_LIMIT = 15 * 1024 * 1024;
