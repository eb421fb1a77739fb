/** Decides whether an IP address is one a server-side download may connect to (SSRF guard). */
import { isIPv4, isIPv6 } from "node:net";

interface Range {
  base: bigint;
  prefix: number;
  bits: 32 | 128;
  label: string;
}

// Documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) are routed nowhere,
// so they are not listed; the tests use them as public-looking addresses that can never reach a real host.
const IPV4_BLOCKED: readonly Range[] = [
  v4("169.254.169.254", 32, "the cloud metadata service"),
  v4("0.0.0.0", 8, "an unspecified address"),
  v4("10.0.0.0", 8, "a private network address"),
  v4("100.64.0.0", 10, "a carrier-grade NAT address"),
  v4("127.0.0.0", 8, "a loopback address"),
  v4("169.254.0.0", 16, "a link-local address"),
  v4("172.16.0.0", 12, "a private network address"),
  // Includes 192.0.0.192, Oracle Cloud's metadata service.
  v4("192.0.0.0", 24, "a reserved protocol address"),
  v4("192.168.0.0", 16, "a private network address"),
  v4("198.18.0.0", 15, "a benchmarking address"),
  v4("224.0.0.0", 4, "a multicast address"),
  v4("240.0.0.0", 4, "a reserved or broadcast address"),
];

const IPV6_BLOCKED: readonly Range[] = [
  v6("fd00:ec2::254", 128, "the cloud metadata service"),
  v6("::", 128, "an unspecified address"),
  v6("::1", 128, "a loopback address"),
  v6("64:ff9b:1::", 48, "a local NAT64 address"),
  v6("100::", 64, "a discard-only address"),
  // Teredo and other IETF assignments: Teredo hides an IPv4 address we could not check.
  v6("2001::", 23, "a reserved protocol address"),
  v6("fc00::", 7, "a unique-local (private) address"),
  v6("fe80::", 10, "a link-local address"),
  v6("fec0::", 10, "a site-local address"),
  v6("ff00::", 8, "a multicast address"),
];

// IPv6 forms that carry an IPv4 address: the embedded address is what the packets reach, so it is checked.
const IPV6_EMBEDDING_IPV4: readonly { range: Range; shift: bigint }[] = [
  { range: v6("::ffff:0:0", 96, "IPv4-mapped"), shift: 0n },
  { range: v6("::ffff:0:0:0", 96, "IPv4-translated"), shift: 0n },
  { range: v6("::", 96, "IPv4-compatible"), shift: 0n },
  { range: v6("64:ff9b::", 96, "NAT64"), shift: 0n },
  { range: v6("2002::", 16, "6to4"), shift: 80n },
];

/**
 * Why `address` must not be fetched from ("a private network address (10.0.0.5)"), or null when it is a
 * public address. Anything that is not a plain IP address is refused: the policy fails closed.
 */
export function blockedReason(address: string): string | null {
  const plain = stripBrackets(address).replace(/%.*$/, "");
  if (isIPv4(plain)) {
    const label = matchRange(IPV4_BLOCKED, parseIpv4(plain));
    return label ? `${label} (${plain})` : null;
  }
  if (isIPv6(plain)) {
    const value = parseIpv6(plain);
    const label = matchRange(IPV6_BLOCKED, value);
    if (label) return `${label} (${plain})`;
    for (const { range, shift } of IPV6_EMBEDDING_IPV4) {
      if (!inRange(range, value)) continue;
      const embedded = Number((value >> shift) & 0xffffffffn);
      const embeddedLabel = matchRange(IPV4_BLOCKED, BigInt(embedded));
      if (embeddedLabel) return `${embeddedLabel} (${plain}, ${range.label} ${formatIpv4(embedded)})`;
    }
    return null;
  }
  return `not an IP address (${address})`;
}

/** `[::1]` (as URL.hostname spells IPv6 literals) becomes `::1`. */
export function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

function matchRange(ranges: readonly Range[], value: bigint): string | null {
  return ranges.find((range) => inRange(range, value))?.label ?? null;
}

function inRange(range: Range, value: bigint): boolean {
  const hostBits = BigInt(range.bits - range.prefix);
  return value >> hostBits === range.base >> hostBits;
}

function v4(address: string, prefix: number, label: string): Range {
  return { base: parseIpv4(address), prefix, bits: 32, label };
}

function v6(address: string, prefix: number, label: string): Range {
  return { base: parseIpv6(address), prefix, bits: 128, label };
}

function parseIpv4(address: string): bigint {
  return address.split(".").reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join(".");
}

/** Parses any valid IPv6 text form (with `::` and a dotted IPv4 tail) into its 128-bit value. */
function parseIpv6(address: string): bigint {
  let text = address;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".", lastColon)) {
    const ipv4 = Number(parseIpv4(text.slice(lastColon + 1)));
    tail.push(ipv4 >>> 16, ipv4 & 0xffff);
    // "::ffff:1.2.3.4" keeps "::ffff", "::1.2.3.4" keeps "::".
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith("::")) text = text.slice(0, -1);
  }
  const [head = "", rest] = text.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const restGroups = rest === undefined || rest === "" ? [] : rest.split(":");
  const missing = 8 - tail.length - headGroups.length - restGroups.length;
  const groups = [
    ...headGroups.map((group) => Number.parseInt(group, 16)),
    ...Array<number>(rest === undefined ? 0 : missing).fill(0),
    ...restGroups.map((group) => Number.parseInt(group, 16)),
    ...tail,
  ];
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}
