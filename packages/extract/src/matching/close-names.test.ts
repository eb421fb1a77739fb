import { describe, expect, it } from "vitest";
import { makeSwim } from "../test-support/make-swim.ts";
import { closeNames, editDistance } from "./close-names.ts";

const meet = [
  makeSwim({ name: "Quillfeather, Ada" }),
  makeSwim({ name: "Quillfeather, Ada", event: { number: "3" } }),
  makeSwim({ name: "Brindleton, Zoë" }),
  makeSwim({ name: "Marsh-Tillwood, Lotta Jane" }),
  makeSwim({ name: "Ada Relay Club", event: { relay: true, stroke: "free_relay" } }),
];

describe("closeNames", () => {
  it.each([
    ["a letter off", "Ada Quilfeather", "Quillfeather, Ada", 1],
    ["two letters off", "Ada Quilfeathr", "Quillfeather, Ada", 2],
    ["accents and case", "zoe brindleton", "Brindleton, Zoë", 0],
    ["swapped order", "Brindleton Zoe", "Brindleton, Zoë", 0],
    ["the first name alone", "Zoe", "Brindleton, Zoë", 0],
    ["a middle name printed only", "Lotta Marsh Tillwod", "Marsh-Tillwood, Lotta Jane", 2],
  ])("finds %s", (_, query, name, distance) => {
    expect(closeNames(meet, query)[0]).toEqual({
      name,
      swimCount: name.startsWith("Quill") ? 2 : 1,
      distance,
    });
  });

  it("finds nobody for a name three letters off, and never a relay team", () => {
    expect(closeNames(meet, "Ida Quilfaethr")).toEqual([]);
    expect(closeNames(meet, "Relay").map((close) => close.name)).toEqual([]);
  });

  it("keeps the closest five", () => {
    const many = Array.from({ length: 8 }, (_, i) => makeSwim({ name: `Doe${i}, Jane` }));
    expect(closeNames(many, "Jane")).toHaveLength(5);
  });
});

describe("editDistance", () => {
  it("counts edits up to the limit", () => {
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
    expect(editDistance("kitten", "sitting", 2)).toBeNull();
    expect(editDistance("", "ab", 2)).toBe(2);
  });
});
