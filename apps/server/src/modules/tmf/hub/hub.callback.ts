// The SSRF guard of hub callbacks: a callback is an absolute http(s) URL without credentials whose host is never a
// link-local, cloud metadata, multicast, reserved or "this network" address; loopback and private ranges only when
// TMF_HUB_ALLOW_PRIVATE is on (default outside production). Checked when a subscription is created AND at every
// delivery, on the addresses the host name resolves to at that moment: the connection uses exactly the addresses
// checked (a custom DNS lookup), so a name re-pointed to 169.254.169.254 after subscribing is refused.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['169.254.0.0', 16], // link-local, incl. 169.254.169.254 (cloud metadata)
  ['100.100.100.200', 32], // Alibaba Cloud metadata
  ['168.63.129.16', 32], // Azure wire server
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. broadcast
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['fd00:ec2::254', 128], // AWS metadata (IPv6)
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['100.64.0.0', 10], // carrier-grade NAT
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::1', 128],
  ['fc00::', 7], // unique local
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv6');

/** Host names of metadata services, refused whatever they resolve to. */
const metadataHosts = ['metadata', 'metadata.google.internal', 'metadata.azure.internal', 'instance-data'];

/** Why an IP address may not receive notifications, or null when it may. */
export function addressProblem(address: string, allowPrivate: boolean): string | null {
  let ip = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1];
  const family = isIP(ip);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (blocked.check(ip, type)) return `${ip} is a link-local, metadata, multicast or reserved address`;
  if (!allowPrivate && privateRanges.check(ip, type))
    return `${ip} is a private or loopback address (TMF_HUB_ALLOW_PRIVATE is off)`;
  return null;
}

/** Why a callback URL is refused (before any DNS resolution), or null. */
export function callbackProblem(callback: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    return 'an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'an absolute http(s) URL';
  if (url.username || url.password) return 'a URL without credentials';
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (metadataHosts.includes(host)) return `${host} is a metadata service`;
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost')))
    return `${host} is a loopback name (TMF_HUB_ALLOW_PRIVATE is off)`;
  return addressProblem(host, allowPrivate);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A DNS lookup that fails when any address of the name is refused (the connection then never starts). */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const problem = addresses.map((a) => addressProblem(a.address, allowPrivate)).find((p) => p !== null);
      if (problem) {
        const refused: NodeJS.ErrnoException = new Error(`callback ${hostname} refused: ${problem}`);
        refused.code = 'ECALLBACKREFUSED';
        return callback(refused, []);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Every address a callback's host resolves to now, checked; null when all may receive notifications. */
export async function resolvedCallbackProblem(callback: string, allowPrivate: boolean): Promise<string | null> {
  const problem = callbackProblem(callback, allowPrivate);
  if (problem) return problem;
  const host = new URL(callback).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return null;
  return new Promise((resolve) => {
    // A name that does not resolve now (or not within 2 s) may later: only a refused address is a problem here; the
    // delivery checks again on every connection.
    const timer = setTimeout(() => resolve(null), LOOKUP_WAIT_MS);
    guardedLookup(allowPrivate)(host, { all: true }, (err) => {
      clearTimeout(timer);
      resolve(err?.code === 'ECALLBACKREFUSED' ? err.message.replace(/^callback .* refused: /, '') : null);
    });
  });
}
const LOOKUP_WAIT_MS = 2000;

export type PostOutcome = { statusCode: number | null; error: string | null; durationMs: number; ok: boolean };

/**
 * POSTs one signed notification to a callback through the guard: refused URLs and addresses are an error without any
 * connection; no redirect is followed; `timeoutMs` bounds the whole exchange.
 */
export function postToCallback(opts: {
  callback: string;
  headers: Record<string, string>;
  body: string;
  allowPrivate: boolean;
  timeoutMs: number;
}): Promise<PostOutcome> {
  const started = Date.now();
  const failed = (error: string): PostOutcome => ({
    statusCode: null,
    error: error.slice(0, 500),
    durationMs: Date.now() - started,
    ok: false,
  });
  const problem = callbackProblem(opts.callback, opts.allowPrivate);
  if (problem) return Promise.resolve(failed(`refused: ${problem}`));
  const url = new URL(opts.callback);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...opts.headers, 'content-length': Buffer.byteLength(opts.body) },
        lookup: guardedLookup(opts.allowPrivate) as unknown as typeof dnsLookup,
        signal: AbortSignal.timeout(opts.timeoutMs),
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          resolve({ statusCode: status, error: ok ? null : `HTTP ${status}`, durationMs: Date.now() - started, ok });
        });
        res.on('error', (err) => resolve(failed(`${err.name}: ${err.message}`)));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve(failed(`${err.name}: ${err.message}${err.code ? ` (${err.code})` : ''}`)),
    );
    req.end(opts.body);
  });
}
