/** Seeded damage to PDF bytes (byte flips, truncation, a deleted xref), for fuzzing the reader. */

/** mulberry32: a tiny seeded PRNG, so a failing case can be reproduced from its seed and name. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Mutation = "flips" | "many flips" | "truncated" | "no xref";
export const MUTATIONS: readonly Mutation[] = ["flips", "many flips", "truncated", "no xref"];

/** A damaged copy of `source`; the original is left as it was. */
export function mutatePdf(random: () => number, source: Uint8Array, mutation: Mutation): Uint8Array {
  switch (mutation) {
    case "flips":
      return flipBytes(random, source, 1 + Math.floor(random() * 40));
    case "many flips":
      return flipBytes(random, source, 200 + Math.floor(random() * 2000));
    case "truncated":
      return source.slice(0, Math.floor(source.length * (0.05 + random() * 0.9)));
    case "no xref":
      return deleteXref(source);
  }
}

function flipBytes(random: () => number, source: Uint8Array, flips: number): Uint8Array {
  const bytes = new Uint8Array(source);
  for (let i = 0; i < flips; i++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
  return bytes;
}

/**
 * Cuts out the last cross-reference table (keeping the trailer, or up to `startxref` for an xref
 * stream) and blanks the offset after `startxref`, so a reader must rebuild the table or give up.
 */
function deleteXref(source: Uint8Array): Uint8Array {
  const text = Buffer.from(source).toString("latin1");
  const startxref = text.lastIndexOf("startxref");
  if (startxref < 0) return source.slice(0, Math.floor(source.length / 2));
  const table = text.lastIndexOf("\nxref", startxref);
  const trailer = table >= 0 ? text.indexOf("trailer", table) : -1;
  const from = table >= 0 ? table + 1 : startxref;
  const to = trailer >= 0 && trailer < startxref ? trailer : startxref;
  const tail = text.slice(startxref).replace(/startxref\s+\d+/, "startxref\n0");
  return new Uint8Array(Buffer.from(text.slice(0, from) + text.slice(to, startxref) + tail, "latin1"));
}
