// OAuth 2.0 token endpoint (RFC 6749 section 4.4, client credentials): reading the request and the error answers.

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

/** An RFC 6749 section 5.2 error: `{ error, error_description }` with its HTTP status (401 for invalid_client). */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
  get statusCode() {
    return this.error === 'invalid_client' ? 401 : 400;
  }
}

export type TokenRequest = { grantType: string; clientId: string; clientSecret: string; usedBasic: boolean };

/** Client id and secret of an HTTP Basic header (form-urlencoded parts, RFC 6749 section 2.3.1), if one is given. */
export function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | null {
  if (!header?.toLowerCase().startsWith('basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError('invalid_client', 'Malformed Basic credentials');
  const part = (v: string) => decodeURIComponent(v.replace(/\+/g, ' '));
  try {
    return { clientId: part(decoded.slice(0, colon)), clientSecret: part(decoded.slice(colon + 1)) };
  } catch {
    throw new OAuthError('invalid_client', 'Malformed Basic credentials');
  }
}

/** Reads a token request from its body (form or JSON) and Authorization header; throws an OAuthError. */
export function readTokenRequest(body: unknown, authorization: string | undefined): TokenRequest {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
  const grantType = str('grant_type');
  if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required');
  if (grantType !== 'client_credentials')
    throw new OAuthError('unsupported_grant_type', 'Only grant_type=client_credentials is offered');
  const basic = basicCredentials(authorization);
  if (basic && (str('client_id') || str('client_secret')))
    throw new OAuthError('invalid_request', 'Client credentials given both in the header and the body');
  const clientId = basic?.clientId ?? str('client_id');
  const clientSecret = basic?.clientSecret ?? str('client_secret');
  if (!clientId || !clientSecret) throw new OAuthError('invalid_client', 'Client authentication failed');
  return { grantType, clientId, clientSecret, usedBasic: basic !== null };
}
