import { describe, expect, it } from 'vitest';
import { basicCredentials, OAuthError, readTokenRequest } from './oauth.models';

const basic = (v: string) => `Basic ${Buffer.from(v).toString('base64')}`;
const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof OAuthError ? { error: err.error, status: err.statusCode } : err;
  }
  return null;
};

describe('OAuth token request', () => {
  it('reads client credentials from HTTP Basic (form-encoded parts) or the body', () => {
    expect(basicCredentials(basic('bss%3A1:s+e%2Fc'))).toEqual({ clientId: 'bss:1', clientSecret: 's e/c' });
    expect(basicCredentials('Bearer x')).toBeNull();
    expect(
      readTokenRequest({ grant_type: 'client_credentials', client_id: 'a', client_secret: 'b' }, undefined),
    ).toEqual({ grantType: 'client_credentials', clientId: 'a', clientSecret: 'b', usedBasic: false });
  });

  it('answers the RFC 6749 error codes', () => {
    expect(errorOf(() => readTokenRequest({}, undefined))).toEqual({ error: 'invalid_request', status: 400 });
    expect(errorOf(() => readTokenRequest({ grant_type: 'password' }, undefined))).toEqual({
      error: 'unsupported_grant_type',
      status: 400,
    });
    expect(errorOf(() => readTokenRequest({ grant_type: 'client_credentials' }, undefined))).toEqual({
      error: 'invalid_client',
      status: 401,
    });
    expect(errorOf(() => readTokenRequest({ grant_type: 'client_credentials' }, basic('no-colon')))).toEqual({
      error: 'invalid_client',
      status: 401,
    });
  });
});
