import { describe, expect, it } from 'vitest';
import { tmfHubSettings } from '../../../config';
import {
  addressProblem,
  callbackProblem,
  guardedLookup,
  postToCallback,
  resolvedCallbackProblem,
} from './hub.callback';

describe('hub callback SSRF guard', () => {
  it('accepts absolute http(s) callbacks without credentials only', () => {
    expect(callbackProblem('http://127.0.0.1:9000/listener', true)).toBeNull();
    expect(callbackProblem('https://bss.example.com/listener', false)).toBeNull();
    expect(callbackProblem('/relative', true)).toMatch(/http/);
    expect(callbackProblem('ftp://127.0.0.1/x', true)).toMatch(/http/);
    expect(callbackProblem('file:///etc/passwd', true)).toMatch(/http/);
    expect(callbackProblem('http://user:pw@127.0.0.1/x', true)).toMatch(/credentials/);
  });

  it('refuses link-local, metadata, multicast and 0.0.0.0 addresses whatever the setting', () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://100.100.100.200/latest/meta-data',
      'http://metadata.google.internal/computeMetadata',
      'http://0.0.0.0:8080/',
      'http://224.0.0.1/',
      'http://[fe80::1]/',
      'http://[ff02::1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://[::]/',
    ])
      expect(callbackProblem(url, true), url).not.toBeNull();
  });

  it('allows loopback and private ranges only when TMF_HUB_ALLOW_PRIVATE is on', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://10.1.2.3/',
      'http://192.168.1.1/',
      'http://[::1]/',
      'http://localhost/',
    ]) {
      expect(callbackProblem(url, true), url).toBeNull();
      expect(callbackProblem(url, false), url).toMatch(/TMF_HUB_ALLOW_PRIVATE/);
    }
    expect(addressProblem('172.20.0.1', false)).not.toBeNull();
    expect(addressProblem('8.8.8.8', false)).toBeNull();
  });

  it('checks the addresses a host name resolves to when it connects (localhost resolves to loopback)', async () => {
    const lookupOf = (allowPrivate: boolean) =>
      new Promise<string | null>((resolve) =>
        guardedLookup(allowPrivate)('localhost', { all: true }, (err) => resolve(err?.code ?? null)),
      );
    expect(await lookupOf(false)).toBe('ECALLBACKREFUSED');
    expect(await lookupOf(true)).toBeNull();
    expect(await resolvedCallbackProblem('http://localhost:9/x', false)).toMatch(/loopback/);
    expect(await resolvedCallbackProblem('http://127.0.0.1:9/x', true)).toBeNull();
  });

  it('makes no connection to a refused address at delivery time', async () => {
    const out = await postToCallback({
      callback: 'http://169.254.169.254/latest',
      headers: {},
      body: '{}',
      allowPrivate: true,
      timeoutMs: 1000,
    });
    expect(out).toMatchObject({ ok: false, statusCode: null });
    expect(out.error).toMatch(/refused/);
  });

  it('defaults to allowing private callbacks outside production only', () => {
    expect(tmfHubSettings({}).allowPrivate).toBe(true);
    expect(tmfHubSettings({ NODE_ENV: 'production' }).allowPrivate).toBe(false);
    expect(tmfHubSettings({ NODE_ENV: 'production', TMF_HUB_ALLOW_PRIVATE: 'true' }).allowPrivate).toBe(true);
    expect(tmfHubSettings({ TMF_HUB_RETENTION_DAYS: '7' }).retentionDays).toBe(7);
    expect(tmfHubSettings({}).retentionDays).toBe(30);
  });
});
