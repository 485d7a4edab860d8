import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { BlockList, isIP } from 'node:net';
import { BadRequest } from '../errors';

// Outgoing webhooks must not become a way into our own network (SSRF): an endpoint may not
// point at loopback, private, carrier-grade NAT, link-local (the cloud metadata service at
// 169.254.169.254) or other non-public addresses. Checked when an endpoint is registered and
// again for every delivery, on the very addresses the connection uses (the request's DNS
// lookup goes through the guard), so a name that resolves to a public address at registration
// and to 127.0.0.1 later (DNS rebinding) is refused too.
// WEBHOOK_ALLOW_PRIVATE_URLS (local runs only; config refuses it in production) lets the dev
// sink on localhost receive them.

export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

// Two lists: a BlockList holding IPv6 rules also matches IPv4 addresses as IPv4-mapped ones.
const NOT_PUBLIC_V4 = new BlockList();
const NOT_PUBLIC_V6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT (and some clouds' metadata, 100.100.100.200)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local: cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  NOT_PUBLIC_V4.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback (::1) and IPv4-compatible addresses
  ['::ffff:0:0', 96], // IPv4-mapped: ::ffff:127.0.0.1 is 127.0.0.1
  ['64:ff9b::', 96], // NAT64: an IPv4 address in disguise
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (fd00:ec2::254 is AWS's metadata service)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  NOT_PUBLIC_V6.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is one an outgoing webhook may reach. */
export function isPublicAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 0) return false;
  return v === 4 ? !NOT_PUBLIC_V4.check(address, 'ipv4') : !NOT_PUBLIC_V6.check(address, 'ipv6');
}

export class WebhookTargetRefused extends BadRequest {
  /** A non-public address will not become public by retrying; a name that does not resolve may. */
  readonly permanent: boolean;
  constructor(host: string, address: string | null) {
    super(
      'webhook_url_not_public',
      address === null
        ? `url's host ${host} does not resolve to any address`
        : `url's host ${host} resolves to ${address}, a loopback, private, link-local or otherwise non-public address; webhooks are sent to public addresses only`,
    );
    this.permanent = address !== null;
  }
}

export type UrlGuard = { allowPrivate: boolean; resolve: Resolver };

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

/** The addresses the URL's host resolves to, all public, or a WebhookTargetRefused naming the first one that is not. */
export async function assertPublicTarget(url: string, guard: UrlGuard): Promise<string[]> {
  const host = bare(new URL(url).hostname);
  if (guard.allowPrivate) return [];
  const addresses = isIP(host) ? [host] : await guard.resolve(host).catch(() => []);
  if (addresses.length === 0) throw new WebhookTargetRefused(host, null);
  const bad = addresses.find((a) => !isPublicAddress(a));
  if (bad) throw new WebhookTargetRefused(host, bad);
  return addresses;
}

/**
 * A `lookup` for http.request that resolves through the guard and hands the socket only
 * addresses it checked: what is checked is what is connected to.
 */
export function guardedLookup(guard: UrlGuard): LookupFunction {
  return (hostname, options, callback) => {
    assertPublicTarget(`http://${hostname.includes(':') ? `[${hostname}]` : hostname}/`, guard).then(
      (addresses) => {
        const list = addresses.map((address) => ({ address, family: isIP(address) }));
        if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, list);
        else callback(null, list[0]!.address, list[0]!.family);
      },
      (e: Error) => callback(Object.assign(e, { code: 'EWEBHOOKTARGET' }) as NodeJS.ErrnoException, '', 0),
    );
  };
}
