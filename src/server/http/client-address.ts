import { BlockList, isIP } from 'node:net';
import type { Config } from '../config';

/**
 * The address of the TCP peer, written by the platform's web server (scripts/serve.ts) on
 * every request after removing whatever a client sent under the same name. Route handlers
 * never see sockets, so this header is how the socket's address reaches them.
 */
export const PEER_ADDRESS_HEADER = 'x-cdp-peer-address';

type Stamping = { __cdpPeerAddressStamped?: boolean };

/**
 * Called by the process that owns the sockets (the web server, or a test harness that plays
 * its part). Until then the peer header is not believed: a client could have sent it.
 */
export function announcePeerAddressStamping(): void {
  (globalThis as Stamping).__cdpPeerAddressStamped = true;
}

function peerAddressIsStamped(): boolean {
  return (globalThis as Stamping).__cdpPeerAddressStamped === true;
}

/** "::ffff:10.0.0.1" is 10.0.0.1; anything that is not an IP address is dropped. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  if (a.startsWith('[') && a.includes(']')) a = a.slice(1, a.indexOf(']'));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a)) a = a.slice(7);
  return isIP(a) ? a.toLowerCase() : null;
}

export type ProxyTrust = Pick<Config, 'TRUST_PROXY' | 'TRUSTED_PROXY_HOPS' | 'TRUSTED_PROXY_CIDRS'>;

const blockLists = new Map<string, BlockList>();
function trustedProxies(cidrs: string[]): BlockList {
  const key = cidrs.join(',');
  let list = blockLists.get(key);
  if (!list) {
    list = new BlockList();
    for (const c of cidrs) {
      const [addr, bits] = c.split('/');
      const family = isIP(addr!) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) list.addAddress(addr!, family);
      else list.addSubnet(addr!, Number(bits), family);
    }
    blockLists.set(key, list);
  }
  return list;
}

/**
 * The client's address from the socket's address and X-Forwarded-For, the way Express's
 * `trust proxy` reads them. Without a trusted proxy: the socket's address, whatever the
 * headers say. Behind trusted proxies: walk from the socket leftwards through the
 * X-Forwarded-For entries the trusted proxies appended, and take the first address none of
 * them vouches for; entries further left were written by the client and are ignored.
 */
export function clientAddress(peer: string | null, forwardedFor: string | null, trust: ProxyTrust): string | null {
  if (!trust.TRUST_PROXY || !peer) return peer;
  // Nearest first: the socket, then X-Forwarded-For from right to left.
  const chain = [peer, ...(forwardedFor ?? '').split(',').map((x) => x.trim()).filter(Boolean).reverse()];
  if (trust.TRUSTED_PROXY_CIDRS.length) {
    const proxies = trustedProxies(trust.TRUSTED_PROXY_CIDRS);
    let i = 0;
    while (i < chain.length - 1) {
      const a = normalizeAddress(chain[i]);
      if (!a || !proxies.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4')) break;
      i++;
    }
    return normalizeAddress(chain[i]);
  }
  // Each trusted hop appended one entry; the entry the farthest trusted proxy saw as its peer is the client.
  return normalizeAddress(chain[Math.min(trust.TRUSTED_PROXY_HOPS, chain.length - 1)]);
}

/** The client address of a request that came through the platform's web server. */
export function requestClientAddress(req: Request, trust: ProxyTrust): string | null {
  if (!peerAddressIsStamped()) return null;
  const peer = normalizeAddress(req.headers.get(PEER_ADDRESS_HEADER));
  return clientAddress(peer, req.headers.get('x-forwarded-for'), trust);
}
