// Behaviour of the CIDR allow-list judge (DB-4, SECU-2): parsing, world-open, public-wide, private
// ranges, and properties over generated ranges (fast-check).

import fc from "fast-check";
import {
  assessAllowedCidr,
  assessAllowedCidrList,
  cidrContains,
  isNonPublicRange,
  parseCidr,
} from "@scaleway-infra/contracts/detectors/cidr";
import { MIN_PUBLIC_IPV4_PREFIX, MIN_PUBLIC_IPV6_PREFIX } from "@scaleway-infra/contracts/thresholds";

const reasonOf = (cidr: string): string => {
  const assessment = assessAllowedCidr(cidr);
  return assessment.ok ? "ok" : assessment.reason;
};

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join("."));
const hextet = fc.integer({ min: 0, max: 0xffff }).map((group) => group.toString(16));
const ipv6 = fc.array(hextet, { minLength: 8, maxLength: 8 }).map((groups) => groups.join(":"));
/** First octets of public IPv4 space, with none of the private, CGNAT, loopback, link-local blocks. */
const publicFirstOctet = octet.filter(
  (first) =>
    first !== 10 &&
    first !== 127 &&
    first !== 100 &&
    first !== 172 &&
    first !== 169 &&
    first !== 192 &&
    first !== 0 &&
    first < 224,
);

describe("parseCidr", () => {
  it("parses an IPv4 range and clears its host bits", () => {
    expect(parseCidr("10.1.2.3/8")).toEqual({ version: 4, prefix: 8, network: 10n << 24n });
  });

  it("takes a plain IPv4 address as a /32", () => {
    expect(parseCidr("203.0.113.7")).toEqual({
      version: 4,
      prefix: 32,
      network: (203n << 24n) | (113n << 8n) | 7n,
    });
  });

  it("takes a plain IPv6 address as a /128", () => {
    expect(parseCidr("::1")).toEqual({ version: 6, prefix: 128, network: 1n });
  });

  it("expands :: in IPv6 ranges", () => {
    expect(parseCidr("2001:db8::/32")).toEqual({ version: 6, prefix: 32, network: 0x20010db8n << 96n });
  });

  it.each([
    "",
    "garbage",
    "10.0.0.0/33",
    "::/129",
    "10.0.0.0/-1",
    "10.0.0.0/024",
    "10.0.0.0/ 8",
    "256.0.0.0/8",
    "10.0.0/8",
    "fe80::1%eth0",
    "10.0.0.0/8/8",
  ])("rejects %j", (text) => expect(parseCidr(text)).toBeUndefined());

  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        parseCidr(text);
        assessAllowedCidr(text);
      }),
    );
  });

  it("parses every generated IPv4 address/prefix back to a range that contains the address", () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 0, max: 32 }), (address, prefix) => {
        const range = parseCidr(`${address}/${prefix}`);
        const host = parseCidr(address);
        expect(range && host && cidrContains(range, host)).toBe(true);
      }),
    );
  });
});

describe("assessAllowedCidr", () => {
  it.each(["0.0.0.0/0", "::/0", "1.2.3.4/0", "::ffff:0.0.0.0/96"])("reports %s as world-open", (cidr) => {
    expect(reasonOf(cidr)).toBe("world-open");
  });

  it.each(["172.0.0.0/8", "8.0.0.0/8", "203.0.113.0/23", "2001:db8::/32", "::ffff:8.0.0.0/104"])(
    "reports %s as public-wide",
    (cidr) => expect(reasonOf(cidr)).toBe("public-wide"),
  );

  it.each([
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "fc00::/7",
    "fd12:3456::/32",
    "::1",
    "::ffff:10.0.0.0/104",
  ])("accepts the non-public range %s at any width", (cidr) => expect(reasonOf(cidr)).toBe("ok"));

  it.each(["203.0.113.0/24", "203.0.113.7", "2001:db8:1::/48", "2001:db8:1:2::/64"])(
    "accepts the narrow public range %s",
    (cidr) => {
      expect(reasonOf(cidr)).toBe("ok");
    },
  );

  it("reports invalid text as invalid, with an example of what to write", () => {
    const assessment = assessAllowedCidr("10.0.0.0/33");
    expect(assessment).toMatchObject({ ok: false, reason: "invalid" });
    expect(assessment.ok || assessment.message).toContain("203.0.113.0/24");
  });

  it("says in a public-wide message how wide the range is and what prefix to use", () => {
    const assessment = assessAllowedCidr("8.0.0.0/8");
    expect(assessment.ok || assessment.message).toMatch(/16,777,216 addresses.*\/24/);
  });

  it("reports any /0 as world-open", () => {
    fc.assert(
      fc.property(fc.oneof(ipv4, ipv6), (address) => expect(reasonOf(`${address}/0`)).toBe("world-open")),
    );
  });

  it("accepts any public IPv4 /24", () => {
    fc.assert(
      fc.property(publicFirstOctet, octet, octet, (first, second, third) => {
        expect(reasonOf(`${first}.${second}.${third}.0/${MIN_PUBLIC_IPV4_PREFIX}`)).toBe("ok");
      }),
    );
  });

  it("reports any public IPv4 range wider than the minimum prefix as public-wide", () => {
    fc.assert(
      fc.property(
        publicFirstOctet,
        fc.integer({ min: 8, max: MIN_PUBLIC_IPV4_PREFIX - 1 }),
        (first, prefix) => {
          expect(reasonOf(`${first}.0.0.0/${prefix}`)).toBe("public-wide");
        },
      ),
    );
  });

  it("accepts any range inside 10.0.0.0/8", () => {
    fc.assert(
      fc.property(octet, octet, octet, fc.integer({ min: 8, max: 32 }), (b, c, d, prefix) => {
        expect(reasonOf(`10.${b}.${c}.${d}/${prefix}`)).toBe("ok");
      }),
    );
  });

  it("accepts any single address, taken as a /32 or /128", () => {
    fc.assert(fc.property(fc.oneof(ipv4, ipv6), (address) => expect(reasonOf(address)).toBe("ok")));
  });

  it("accepts any IPv6 /48 in global unicast space, and reports any wider one", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0x2000, max: 0x3fff }),
        hextet,
        hextet,
        fc.integer({ min: 16, max: MIN_PUBLIC_IPV6_PREFIX - 1 }),
        (a, b, c, wide) => {
          // 2001::/32 (Teredo) and 2002::/16 (6to4) translate IPv4: judged by their own tests below.
          fc.pre(a !== 0x2001 && a !== 0x2002);
          const hex = a.toString(16);
          expect(reasonOf(`${hex}:${b}:${c}::/${MIN_PUBLIC_IPV6_PREFIX}`)).toBe("ok");
          expect(reasonOf(`${hex}::/${wide}`)).toBe("public-wide");
        },
      ),
    );
  });

  it("treats ranges wider than the private block they start in as public", () => {
    expect(isNonPublicRange(parseCidr("10.0.0.0/7")!)).toBe(false);
    expect(reasonOf("10.0.0.0/7")).toBe("public-wide");
  });
});

describe("IPv6 ranges that map or translate IPv4 (issue 11 §8)", () => {
  it.each([
    "::/96", // IPv4-compatible: all of IPv4
    "::/95",
    "::ffff:0:0/96", // IPv4-mapped
    "::ffff:0:0:0/96", // IPv4-translated (SIIT)
    "64:ff9b::/96", // NAT64 well-known prefix
    "64:ff9b::/64",
    "64:ff9b:1::/48", // local-use translation
    "64:ff9b:1::/96",
    "2002::/16", // 6to4
    "2001::/32", // Teredo
    "2001:0:4136:e378::/64", // one Teredo server: any client on the IPv4 Internet
  ])("reports %s as world-open", (cidr) => {
    expect(reasonOf(cidr)).toBe("world-open");
  });

  it.each([
    "::8.0.0.0/104", // IPv4-compatible 8.0.0.0/8
    "64:ff9b::808:0/112", // NAT64 of 8.8.0.0/16
    "64:ff9b:1::/112",
    "2002:800::/24", // 6to4 of 8.0.0.0/8
  ])("reports %s as public-wide, as the IPv4 range it reaches", (cidr) => {
    expect(reasonOf(cidr)).toBe("public-wide");
  });

  it.each([
    "64:ff9b::203.0.113.0/120", // NAT64 of a /24
    "64:ff9b::a00:0/104", // NAT64 of 10.0.0.0/8, private
    "2002:cb00:7100::/40", // 6to4 of 203.0.113.0/24
    "::ffff:10.0.0.0/104",
    "::1",
  ])("accepts %s, which reaches a narrow or private IPv4 range", (cidr) => {
    expect(reasonOf(cidr)).toBe("ok");
  });

  it("reports any range containing a translation prefix as world-open", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 95 }), (prefix) => {
        expect(reasonOf(`::/${prefix}`)).toBe("world-open");
      }),
    );
  });
});

describe("assessAllowedCidrList", () => {
  it("reports two halves that together cover the IPv4 space as world-open", () => {
    expect(assessAllowedCidrList(["0.0.0.0/1", "128.0.0.0/1"])).toContainEqual(
      expect.objectContaining({ index: -1, reason: "world-open" }),
    );
  });

  it("reports nothing for a list of narrow and private ranges", () => {
    expect(assessAllowedCidrList(["203.0.113.0/24", "10.0.0.0/8", "2001:db8:1::/48"])).toEqual([]);
  });

  it("points at the index of each bad entry", () => {
    expect(assessAllowedCidrList(["10.0.0.0/8", "0.0.0.0/0"])).toEqual([
      expect.objectContaining({ index: 1, reason: "world-open" }),
    ]);
  });
});
