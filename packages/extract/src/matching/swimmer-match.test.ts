import { describe, expect, it } from "vitest";
import { makeSwim } from "../test-support/make-swim.ts";
import { compareNames, matchSwimmer } from "./swimmer-match.ts";

describe("compareNames", () => {
  it.each([
    ["Quillfeather, Ada", "Quillfeather, Ada", "exact"],
    ["quillfeather, ada", "QUILLFEATHER, Ada", "exact"],
    ["QUILLFEATHER Ada", "Quillfeather, Ada", "exact"],
    ["Ada Quillfeather", "Quillfeather, Ada", "reordered"],
    ["Ada Quillfeather", "QUILLFEATHER Ada", "reordered"],
    ["Ada QUILLFEATHER", "Ada Quillfeather", "exact"],
    ["Zoe Brindleton", "Brindleton, Zoë", "accent-folded"],
    ["Brindleton, Zoë", "BRINDLETON Zoe", "accent-folded"],
    ["Soren Hvidbjorn", "Hvidbjørn, Søren", "accent-folded"],
    ["Jorg Strasse", "Straße, Jörg", "accent-folded"],
    ["Ada Quillfeather", "Quillfeather, Ada M", "middle-name"],
    ["Ada Marie Quillfeather", "Quillfeather, Ada", "middle-name"],
    ["Ada M Quillfeather", "Quillfeather, Ada Marie", "initials"],
    ["A. Quillfeather", "Quillfeather, Ada", "initials"],
    ["Quillfeather, A", "QUILLFEATHER Ada", "initials"],
    ["Fenna O'Rourkely", "ORourkely, Fenna", "punctuation"],
    ["O’Rourkely, Fenna", "O'Rourkely, Fenna", "exact"],
    ["Lotta Marsh-Tillwood", "Marsh Tillwood, Lotta", "punctuation"],
    ["Lotta Marsh Tillwood", "MARSH-TILLWOOD Lotta", "punctuation"],
    ["Piet van der Kroon", "van der Kroon, Piet", "reordered"],
    ["Piet Vanderkroon", "van der KROON Piet", "reordered"],
    ["Piet van der Kroon", "van der KROON Piet", "reordered"],
  ] as const)("%s ~ %s -> %s", (query, printed, how) => {
    expect(compareNames(query, printed)).toBe(how);
  });

  it.each([
    ["Ada Quillfeather", "Quillfeather, Ida"],
    ["Ada Quillfeather", "Quillfeathers, Ada"],
    ["Ada Marie Quillfeather", "Quillfeather, Ada Louise"],
    ["Quillfeather", "Quillfeather, Ada"],
    ["B. Quillfeather", "Quillfeather, Ada"],
  ])("%s does not fit %s", (query, printed) => {
    expect(compareNames(query, printed)).toBeNull();
  });

  it("uses the parser's firstName/lastName when given", () => {
    expect(
      compareNames("Ada Quill Feather", "Quill Feather Ada", { firstName: "Ada", lastName: "Quill Feather" }),
    ).toBe("reordered");
  });
});

describe("matchSwimmer", () => {
  const ada100 = makeSwim({ name: "Quillfeather, Ada", birthYear: 2010, team: "Otter Swim Club" });
  const ada200 = makeSwim({
    name: "Quillfeather, Ada",
    birthYear: 2010,
    team: "Otter Swim Club",
    event: { number: "5", distance: 200 },
  });
  const other = makeSwim({ name: "Brindleton, Zoë", birthYear: 2011, team: "Otter Swim Club" });
  const relay = makeSwim({
    name: "Otter Swim Club A",
    team: "Otter Swim Club",
    event: { number: "9", distance: 400, stroke: "free_relay", relay: true },
    relayLegs: [
      { name: "Brindleton, Zoë", order: 1, timeMs: 60_000 },
      { name: "Quillfeather, Ada", order: 3, timeMs: 61_000 },
    ],
  });

  it("returns every swim of the swimmer and the relays she swam, in meet order, with the leg", () => {
    const result = matchSwimmer([ada100, other, relay, ada200], "Ada Quillfeather");
    expect(result.ambiguous).toBe(false);
    expect(result.swims.map((m) => [m.swim.event.number, m.how, m.legOrder])).toEqual([
      ["1", "reordered", undefined],
      ["9", "reordered", 3],
      ["5", "reordered", undefined],
    ]);
  });

  it("matches with accents folded and reports it", () => {
    const result = matchSwimmer([ada100, other, relay], "zoe brindleton");
    expect(result.swims.map((m) => [m.swim.event.number, m.how, m.legOrder])).toEqual([
      ["1", "accent-folded", undefined],
      ["9", "accent-folded", 1],
    ]);
  });

  it("finds nothing (and is not ambiguous) for someone who did not swim", () => {
    expect(matchSwimmer([ada100, other], "Nobody Atall")).toEqual({
      swims: [],
      ambiguous: false,
      candidates: [],
      identities: [],
    });
  });

  it("flags two different swimmers who both fit only loosely, and returns no swims", () => {
    const amelia = makeSwim({ name: "Quillfeather, Amelia", birthYear: 2008, team: "Heron Aquatics" });
    const result = matchSwimmer([ada100, amelia], "A. Quillfeather");
    expect(result.ambiguous).toBe(true);
    expect(result.swims).toEqual([]);
    expect(result.candidates).toEqual([
      "Quillfeather, Ada (Otter Swim Club, 2010)",
      "Quillfeather, Amelia (Heron Aquatics, 2008)",
    ]);
  });

  it("prefers the swimmer whose full name fits over one who fits only by initial", () => {
    const anton = makeSwim({ name: "Quillfeather, A", birthYear: 2012, team: "Heron Aquatics" });
    const result = matchSwimmer([ada100, anton], "Ada Quillfeather");
    expect(result.ambiguous).toBe(false);
    expect(result.swims.map((m) => m.swim)).toEqual([ada100]);
  });

  it("flags two same-named swimmers of different teams and birth years", () => {
    const twin = makeSwim({ name: "QUILLFEATHER Ada", birthYear: 1990, team: "Heron Aquatics" });
    const result = matchSwimmer([ada100, twin], "Ada Quillfeather");
    expect(result.ambiguous).toBe(true);
    expect(result.candidates).toHaveLength(2);
  });

  it("treats one swimmer printed with and without a middle initial as one person", () => {
    const withMiddle = makeSwim({
      name: "Quillfeather, Ada M",
      birthYear: 2010,
      team: "Otter Swim Club",
      event: { number: "7" },
    });
    const result = matchSwimmer([ada100, withMiddle], "Quillfeather, Ada");
    expect(result.ambiguous).toBe(false);
    expect(result.swims.map((m) => m.how)).toEqual(["exact", "middle-name"]);
  });

  it("does not give a swimmer the relay of another team with a same-named swimmer", () => {
    const heron = makeSwim({ name: "Brindleton, Zoë", birthYear: 2011, team: "Heron Aquatics" });
    const result = matchSwimmer([heron, relay], "Zoë Brindleton");
    expect(result.ambiguous).toBe(true);
    expect(result.candidates).toEqual([
      "Brindleton, Zoë (Heron Aquatics, 2011)",
      "Brindleton, Zoë (Otter Swim Club)",
    ]);
  });

  it("keeps a relay-only swimmer, found by leg name", () => {
    const result = matchSwimmer([other, relay], "QUILLFEATHER Ada");
    expect(result.swims).toHaveLength(1);
    expect(result.swims[0]!.legOrder).toBe(3);
  });

  it("normalises hyphens and apostrophes in the query and in the results", () => {
    const fenna = makeSwim({ name: "O'Rourkely-Hale, Fenna", team: "Otter Swim Club" });
    expect(matchSwimmer([fenna], "fenna orourkely hale").swims).toHaveLength(1);
    expect(matchSwimmer([fenna], "O’ROURKELY-HALE Fenna").swims[0]!.how).toBe("exact");
  });

  it("picks the chosen one of two namesakes by team and birth year, in any meet", () => {
    const otterAda = makeSwim({ name: "Quillfeather, Ada", birthYear: 2010, team: "Otter Swim Club" });
    const heronAda = makeSwim({ name: "Quillfeather, Ada", birthYear: 2012, team: "Heron Aquatics" });
    const unchosen = matchSwimmer([otterAda, heronAda], "Ada Quillfeather");
    expect(unchosen.ambiguous).toBe(true);
    expect(unchosen.identities.map((identity) => [identity.team, identity.birthYear])).toEqual([
      ["Otter Swim Club", 2010],
      ["Heron Aquatics", 2012],
    ]);
    const chosen = matchSwimmer([otterAda, heronAda], "Ada Quillfeather", {
      team: "Heron Aquatics",
      birthYear: 2012,
    });
    expect(chosen.ambiguous).toBe(false);
    expect(chosen.swims.map((match) => match.swim)).toEqual([heronAda]);
    // A meet where only other namesakes swam gives nothing, not a question.
    const elsewhere = matchSwimmer(
      [otterAda, makeSwim({ name: "Quillfeather, Ada", birthYear: 2009, team: "Pike SC" })],
      "Ada Quillfeather",
      {
        team: "Heron Aquatics",
        birthYear: 2012,
      },
    );
    expect(elsewhere).toMatchObject({ swims: [], ambiguous: false });
  });
});
