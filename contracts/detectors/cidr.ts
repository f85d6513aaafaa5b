// Parses IPv4/IPv6 CIDR ranges and judges whether one is acceptable in an allow list (DB-4, SECU-2):
// never the whole Internet, never a public range wider than the minimum prefix in thresholds.ts.
// Private, CGNAT, loopback and link-local ranges may be as wide as needed: they are not reachable
// from the Internet. Pure and dependency-light: the validators and the policy pack both import it.

import { isIPv4, isIPv6 } from "node:net";
import { MIN_PUBLIC_IPV4_PREFIX, MIN_PUBLIC_IPV6_PREFIX, WORLD_OPEN_CIDRS } from "../thresholds";

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

/**
 * IPv6 ranges that stand for IPv4 addresses: each embeds (or translates to) an IPv4 address, so an
 * allow-list entry inside one is judged as the IPv4 range it reaches, and an entry containing one
 * reaches every IPv4 address. From the IANA IPv6 Special-Purpose Address Registry
 * (https://www.iana.org/assignments/iana-ipv6-special-registry) and the RFCs it cites.
 * `ipv4At`: the bit where the IPv4 address starts. `xor`: Teredo stores the client address inverted.
 */
interface Ipv4Translation {
  cidr: string;
  what: string;
  ipv4At: number;
  xor?: bigint;
}
export const IPV4_TRANSLATION_PREFIXES: readonly Ipv4Translation[] = [
  { cidr: "::ffff:0:0/96", what: "IPv4-mapped (RFC 4291)", ipv4At: 96 },
  { cidr: "::ffff:0:0:0/96", what: "IPv4-translated (RFC 2765)", ipv4At: 96 },
  { cidr: "::/96", what: "IPv4-compatible (RFC 4291, deprecated)", ipv4At: 96 },
  { cidr: "64:ff9b::/96", what: "NAT64 well-known prefix (RFC 6052)", ipv4At: 96 },
  // RFC 8215 lets the operator embed the IPv4 address after a /48 to /96 prefix (RFC 6052 layouts):
  // judged by the /96 layout, the one where a given IPv6 range reaches the most IPv4 addresses.
  { cidr: "64:ff9b:1::/48", what: "local-use IPv4/IPv6 translation (RFC 8215)", ipv4At: 96 },
  { cidr: "2002::/16", what: "6to4 (RFC 3056)", ipv4At: 16 },
  // The Teredo client's public IPv4 address sits in the last 32 bits, inverted (RFC 4380 section 4).
  { cidr: "2001::/32", what: "Teredo (RFC 4380)", ipv4At: 96, xor: 0xffffffffn },
];
const TRANSLATIONS = IPV4_TRANSLATION_PREFIXES.map((t) => ({ ...t, range: parseKnown(t.cidr) }));

/** The translation prefix a range lies in, or one it contains (so it reaches every IPv4 address). */
export function ipv4TranslationOf(
  range: ParsedCidr,
): { what: string; cidr: string; covers: "part" | "all" } | undefined {
  if (range.version !== 6) return undefined;
  for (const t of TRANSLATIONS) {
    if (cidrContains(t.range, range)) return { what: t.what, cidr: t.cidr, covers: "part" };
    if (cidrContains(range, t.range)) return { what: t.what, cidr: t.cidr, covers: "all" };
  }
  return undefined;
}

/**
 * IPv6 ranges that stand for IPv4 addresses (`::ffff:10.0.0.0/104`, `64:ff9b::203.0.113.0/120`,
 * `2002:cb00:7100::/40`) are judged as the IPv4 range they reach; one containing a whole translation
 * prefix (`::/95`) as all of IPv4.
 */
function unmapIpv4(range: ParsedCidr): ParsedCidr {
  if (range.version !== 6) return range;
  for (const t of TRANSLATIONS) {
    if (cidrContains(range, t.range)) return { version: 4, prefix: 0, network: 0n };
    if (!cidrContains(t.range, range)) continue;
    const prefix = Math.max(0, Math.min(32, range.prefix - t.ipv4At));
    const shift = BigInt(128 - t.ipv4At - 32);
    const address = ((range.network >> shift) & 0xffffffffn) ^ (t.xor ?? 0n);
    return { version: 4, prefix, network: address & maskFor(4, prefix) };
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

/** ` (NAT64 well-known prefix (RFC 6052) 64:ff9b::/96, which reaches IPv4 addresses)`, or "". */
function translationNote(range: ParsedCidr): string {
  const translation = ipv4TranslationOf(range);
  return translation ? ` (${translation.what} ${translation.cidr}, which reaches IPv4 addresses)` : "";
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
        `"${cidr}" opens access to the whole Internet${translationNote(parsed)}; list only the networks that need access ` +
        `(e.g. your office egress range, /${range.version === 4 ? MIN_PUBLIC_IPV4_PREFIX : MIN_PUBLIC_IPV6_PREFIX} ` +
        `or narrower), ${PRIVATE_ADVICE}`,
    };
  }
  if (isNonPublicRange(range)) return { ok: true };
  const note = translationNote(parsed);
  const minPrefix = range.version === 4 ? MIN_PUBLIC_IPV4_PREFIX : MIN_PUBLIC_IPV6_PREFIX;
  if (range.prefix < minPrefix) {
    return {
      ok: false,
      reason: "public-wide",
      message:
        `"${cidr}"${note} is a public range of ${formatCount(range)} (/${range.prefix}), wider than the /${minPrefix} ` +
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
