import { lookup, type LookupAddress } from 'node:dns';
import { Agent } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a push endpoint may never reach (docs/SECURITY.md, "Push
 * endpoints"): the server would otherwise post to whatever a member's
 * subscription names, its own loopback and private network included.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` (an IP) is loopback, private, link-local, multicast or otherwise not a public host. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ? PRIVATE.check(mapped, 'ipv4') : PRIVATE.check(address, 'ipv6');
}

export interface EndpointRules {
  /** Host names an endpoint may name; `.example.com` also allows its subdomains. */
  serviceHosts: readonly string[];
  /** Tests only: a push service of the test's own on loopback. */
  allowLoopback: boolean;
}

const hostAllowed = (host: string, serviceHosts: readonly string[]) =>
  serviceHosts.some((allowed) => (allowed.startsWith('.') ? host.endsWith(allowed) && host.length > allowed.length : host === allowed.toLowerCase()));

/**
 * Why an endpoint is refused, in words a person can act on, or null: it must
 * be an https URL without credentials on one of the push services' hosts, and
 * never a private or loopback address.
 */
export function endpointProblem(endpoint: string, rules: EndpointRules): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'The push endpoint is not a URL.';
  }
  if (url.protocol !== 'https:') return 'The push endpoint must be an https URL.';
  if (url.username || url.password) return 'The push endpoint may not carry a user name or password.';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopbackForTests = rules.allowLoopback && (host === '127.0.0.1' || host === 'localhost');
  if (!loopbackForTests && isIP(host) && isPrivateAddress(host)) return 'The push endpoint is on a private or loopback address.';
  if (!hostAllowed(host, rules.serviceHosts)) {
    return `The push endpoint's host ${host} is not a known push service (PUSH_SERVICE_HOSTS): subscribe with a browser that supports Web Push.`;
  }
  return null;
}

/**
 * Resolves as the system does, but fails for a name that resolves to a
 * private or loopback address: a push service's name that points into the
 * local network (DNS rebinding) is refused when the request connects.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((entry) => isPrivateAddress(entry.address));
    if (refused || addresses.length === 0) {
      const reason = new Error(`Refused: the push endpoint's host ${hostname} resolves to a private or loopback address.`);
      return callback(Object.assign(reason, { code: 'EPUSHPRIVATE' }), '', 0);
    }
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    const [first] = addresses as [LookupAddress];
    callback(null, first.address, first.family);
  });
};

/** The agent every push request goes out on: keep-alive to the few push services, public addresses only. */
export function pushAgent(forTests: { ca: string } | null): Agent {
  if (forTests) return new Agent({ keepAlive: true, maxSockets: 8, ca: forTests.ca });
  return new Agent({ keepAlive: true, maxSockets: 8, lookup: publicOnlyLookup });
}
