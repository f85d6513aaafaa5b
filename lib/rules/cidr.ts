// Parses IPv4/IPv6 CIDR ranges and judges whether one is acceptable in an allow list (DB-4, SECU-2):
// never the whole Internet, never a public range wider than the minimum prefix in thresholds.ts.
// Private, CGNAT, loopback and link-local ranges may be as wide as needed: they are not reachable
// from the Internet. Pure and dependency-light: the validators and the policy pack both import it.

import { isIPv4, isIPv6 } from "node:net";
import { MIN_PUBLIC_IPV4_PREFIX, MIN_PUBLIC_IPV6_PREFIX, WORLD_OPEN_CIDRS } from "./thresholds";

export type IpVersion = 4 | 6;

export interface ParsedCidr {
  version: IpVersion;
  prefix: number;
  /** The network address (host bits cleared), as an unsigned integer of 32 or 128 bits. */
  network: bigint;
}

export type CidrAssessment =
  { ok: true } | { ok: false; reason: "invalid" | "world-open" | "public-wide"; message: string };

const ADDRESS_BITS: Readonly<Record<IpVersion, number>> = { 4: 32, 6: 128 };

function ipv4ToBigInt(address: string): bigint {
  return address.split(".").reduce((total, octet) => (total << 8n) | BigInt(Number(octet)), 0n);
}

/** Expands `::`, and an embedded dotted IPv4 tail, into eight 16-bit groups. */
function ipv6ToBigInt(address: string): bigint {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const ipv4 = ipv4ToBigInt(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(ipv4 >> 16n).toString(16)}:${(ipv4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups];
  return groups.reduce((total, group) => (total << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function maskFor(version: IpVersion, prefix: number): bigint {
  const bits = BigInt(ADDRESS_BITS[version]);
  const all = (1n << bits) - 1n;
  return prefix === 0 ? 0n : (all >> (bits - BigInt(prefix))) << (bits - BigInt(prefix));
}

/**
 * Parses `203.0.113.0/24`, `2001:db8::/48`, or a plain address (taken as /32 or /128). Host bits
 * are cleared (`10.1.2.3/8` is the network 10.0.0.0/8). Returns undefined for anything else,
 * including zone IDs (`fe80::1%eth0`) and prefixes with signs, spaces or leading zeros.
 */
export function parseCidr(text: string): ParsedCidr | undefined {
  const parts = text.trim().split("/");
  if (parts.length > 2) return undefined;
  const [address, prefixText] = parts;
  const version: IpVersion | undefined = isIPv4(address)
    ? 4
    : isIPv6(address) && !address.includes("%")
      ? 6
      : undefined;
  if (version === undefined) return undefined;
  const bits = ADDRESS_BITS[version];
  if (prefixText !== undefined && !/^(?:0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  const value = version === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  return { version, prefix, network: value & maskFor(version, prefix) };
}

/** True when `outer` contains every address of `inner` (same IP version). */
export function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return (
    outer.version === inner.version &&
    outer.prefix <= inner.prefix &&
    (inner.network & maskFor(outer.version, outer.prefix)) === outer.network
  );
}

function parseKnown(text: string): ParsedCidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`internal: "${text}" is not a CIDR`);
  return parsed;
}

/** Ranges that the Internet cannot reach: RFC 1918, CGNAT, loopback, link-local, IPv6 ULA. */
export const NON_PUBLIC_CIDRS: readonly string[] = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "fc00::/7",
  "fe80::/10",
  "::1/128",
];
const NON_PUBLIC_RANGES: readonly ParsedCidr[] = NON_PUBLIC_CIDRS.map(parseKnown);
const WORLD_OPEN_RANGES: readonly ParsedCidr[] = WORLD_OPEN_CIDRS.map(parseKnown);
const IPV4_MAPPED = parseKnown("::ffff:0:0/96");

/** IPv4-mapped IPv6 ranges (`::ffff:10.0.0.0/104`) are judged as the IPv4 range they stand for. */
function unmapIpv4(range: ParsedCidr): ParsedCidr {
  if (range.version === 6 && cidrContains(IPV4_MAPPED, range)) {
    return { version: 4, prefix: range.prefix - 96, network: range.network & 0xffffffffn };
  }
  return range;
}

/** True when every address of the range is private, CGNAT, loopback or link-local. */
export function isNonPublicRange(range: ParsedCidr): boolean {
  const effective = unmapIpv4(range);
  return NON_PUBLIC_RANGES.some((known) => cidrContains(known, effective));
}

function formatCount(range: ParsedCidr): string {
  const count = 1n << BigInt(ADDRESS_BITS[range.version] - range.prefix);
  return range.version === 4
    ? `${count.toLocaleString("en-US")} addresses`
    : `2^${128 - range.prefix} addresses`;
}

const PRIVATE_ADVICE = "or use a private network instead";

/**
 * Judges one entry of an allow list (DB-4, SECU-2). `world-open`: the range contains the whole
 * address space (0.0.0.0/0, ::/0). `public-wide`: a public range wider than /24 (IPv4) or /48
 * (IPv6). Private ranges of any size are ok.
 */
export function assessAllowedCidr(cidr: string): CidrAssessment {
  const parsed = parseCidr(cidr);
  if (!parsed) {
    return {
      ok: false,
      reason: "invalid",
      message:
        `"${cidr}" is not a valid IPv4 or IPv6 address or CIDR range; ` +
        `write it as address/prefix, e.g. 203.0.113.0/24 or 2001:db8:1234::/48`,
    };
  }
  const range = unmapIpv4(parsed);
  if (WORLD_OPEN_RANGES.some((world) => cidrContains(parsed, world) || cidrContains(range, world))) {
    return {
      ok: false,
      reason: "world-open",
      message:
        `"${cidr}" opens access to the whole Internet; list only the networks that need access ` +
        `(e.g. your office egress range, /${range.version === 4 ? MIN_PUBLIC_IPV4_PREFIX : MIN_PUBLIC_IPV6_PREFIX} ` +
        `or narrower), ${PRIVATE_ADVICE}`,
    };
  }
  if (isNonPublicRange(range)) return { ok: true };
  const minPrefix = range.version === 4 ? MIN_PUBLIC_IPV4_PREFIX : MIN_PUBLIC_IPV6_PREFIX;
  if (range.prefix < minPrefix) {
    return {
      ok: false,
      reason: "public-wide",
      message:
        `"${cidr}" is a public range of ${formatCount(range)} (/${range.prefix}), wider than the /${minPrefix} ` +
        `allowed for IPv${range.version}; narrow it to /${minPrefix} or longer, ${PRIVATE_ADVICE}`,
    };
  }
  return { ok: true };
}

/**
 * Judges a whole allow list: each entry on its own, plus the list as a whole, because several
 * entries can together open everything (0.0.0.0/1 and 128.0.0.0/1). Returns the problems found,
 * each with the index of its entry (or -1 for the whole list).
 */
export function assessAllowedCidrList(
  cidrs: readonly string[],
): { index: number; reason: "invalid" | "world-open" | "public-wide"; message: string }[] {
  const problems: { index: number; reason: "invalid" | "world-open" | "public-wide"; message: string }[] = [];
  cidrs.forEach((cidr, index) => {
    const assessment = assessAllowedCidr(cidr);
    if (!assessment.ok) problems.push({ index, reason: assessment.reason, message: assessment.message });
  });
  for (const version of [4, 6] as const) {
    const ranges = cidrs.map(parseCidr).filter((range): range is ParsedCidr => range?.version === version);
    if (
      ranges.length > 1 &&
      coversWholeSpace(ranges, version) &&
      !ranges.some((range) => range.prefix === 0)
    ) {
      problems.push({
        index: -1,
        reason: "world-open",
        message:
          `together, the entries of this list cover every IPv${version} ` +
          `address, which opens access to the whole Internet; list only the networks that need access, ${PRIVATE_ADVICE}`,
      });
    }
  }
  return problems;
}

/** True when the union of the ranges is the whole address space of their version. */
function coversWholeSpace(ranges: readonly ParsedCidr[], version: IpVersion): boolean {
  const bits = BigInt(ADDRESS_BITS[version]);
  const intervals = ranges
    .map((range) => ({ start: range.network, end: range.network + (1n << (bits - BigInt(range.prefix))) }))
    .sort((left, right) => (left.start < right.start ? -1 : left.start > right.start ? 1 : 0));
  let coveredUpTo = 0n;
  for (const interval of intervals) {
    if (interval.start > coveredUpTo) return false;
    if (interval.end > coveredUpTo) coveredUpTo = interval.end;
  }
  return coveredUpTo === 1n << bits;
}
