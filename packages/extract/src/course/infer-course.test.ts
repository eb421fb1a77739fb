import { describe, expect, it } from "vitest";
import type { PdfText } from "../pdf/text-layout.ts";
import { makeSwim } from "../test-support/make-swim.ts";
import { courseFromText, inferCourse } from "./infer-course.ts";

function doc(...lines: string[]): PdfText {
  return {
    pages: [
      {
        number: 1,
        width: 595,
        height: 842,
        lines: lines.map((text, i) => ({ y: 20 + i * 10, items: [], text })),
      },
    ],
    producer: null,
    creator: null,
    title: null,
  };
}

const meet = {
  name: "Invented Meet",
  startDate: null,
  endDate: null,
  course: null,
  venue: null,
  software: null,
};

describe("courseFromText", () => {
  it.each([
    ["Event 4 Girls 10 & Under 50 Yard Freestyle", "SCY"],
    ["Event 1 Women 50 LC Meter Freestyle", "LCM"],
    ["Event 101 Women 800 SC Meter Freestyle", "SCM"],
    ["4 Bahnen á 25m", "SCM"],
    ["Wettkampfbecken 50m Becken", "LCM"],
    ["Invented Olympic Team Trials", "LCM"],
    ["World Championships (25m)", "SCM"],
    ["Invented European Junior Swimming Championships", "LCM"],
    ["European Short Course Swimming Championships", "SCM"],
    ["Internationale Deutsche Meisterschaften Langbahn", "LCM"],
    ["Open Kampioenschappen Korte Baan 2023", "SCM"],
    ["Invented Kortebaan Criterium", "SCM"],
    ["Championnats de Belgique en grand bassin", "LCM"],
    ["Meeting petit bassin", "SCM"],
    ["Wedstrijd in het 50m bad", "LCM"],
    ["Pool length: 25m", "SCM"],
    ["Baanlengte: 50m", "LCM"],
    ["Women, 100m Freestyle", null],
  ])("%s -> %s", (text, course) => {
    expect(courseFromText(text)?.course ?? null).toBe(course);
  });
});

describe("inferCourse", () => {
  it("leaves the course null (and says nothing) when nothing tells it", () => {
    const out = inferCourse(
      { meet, swims: [makeSwim({ event: { course: null } })], warnings: [] },
      doc("Women, 100m Freestyle"),
    );
    expect(out.meet.course).toBeNull();
    expect(out.warnings).toEqual([]);
  });

  it("infers yards from a 500 free and from a time faster than the meters world record", () => {
    const five = makeSwim({ event: { distance: 500, course: null }, timeMs: 300_000 });
    expect(inferCourse({ meet, swims: [five], warnings: [] }, doc("x")).meet.course).toBe("SCY");
    const fast = makeSwim({
      event: { distance: 100, stroke: "free", course: null },
      time: "42.10",
      timeMs: 42_100,
    });
    const out = inferCourse({ meet, swims: [fast], warnings: [] }, doc("x"));
    expect(out.swims[0]!.event.course).toBe("SCY");
    expect(out.warnings[0]).toMatch(/inferred as SCY.*world record/);
  });

  it("uses the format's usual course last", () => {
    const out = inferCourse(
      { meet, swims: [makeSwim({ event: { course: null } })], warnings: [] },
      doc("x"),
      "isl",
    );
    expect(out.meet.course).toBe("SCM");
  });
});
