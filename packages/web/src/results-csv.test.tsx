import type { ResultSwim } from "@splitstream/shared";
import { describe, expect, it } from "vitest";
import { makeSwim } from "../../extract/src/test-support/make-swim.ts";
import { swimsToCsv } from "./results-csv.ts";

const meet = {
  name: "Lakeside Open",
  startDate: "2026-03-13",
  endDate: null,
  course: null,
  venue: null,
  software: "easywk",
};

describe("swimsToCsv", () => {
  it("starts with a BOM and writes one time format, splits with their distances, dates and relay legs", () => {
    const individual: ResultSwim = {
      ...makeSwim({
        name: "Brindleton, Zoë",
        time: "1:16.76",
        timeAsPrinted: "01:16,76",
        timeMs: 76_760,
        date: "2026-03-14",
        dateIsMeetStart: false,
        place: 9,
        tie: true,
        splits: [{ distance: 50, timeMs: 35_090 }],
      }),
      jobId: "00000000-0000-4000-8000-000000000001",
      meet,
      course: "SCM",
      matchedAs: "exact",
      relayLeg: null,
    };
    const relay: ResultSwim = {
      ...individual,
      event: {
        ...individual.event,
        relay: true,
        stroke: "medley_relay",
        distance: 200,
        name: "Mixed 4x50m Lagen",
      },
      relayLeg: { order: 2, timeMs: 33_120, time: "33.12", splits: [] },
    };
    const csv = swimsToCsv([individual, relay]);
    expect(csv.startsWith("\uFEFFdate,date_is_meet_start,meet,")).toBe(true);
    const [header, first, second] = csv.slice(1).split("\r\n");
    // Split on commas outside quotes: the printed time "01:16,76" holds one.
    const cells = (row: string | undefined) => {
      const out = [""];
      let quoted = false;
      for (const char of row ?? "") {
        if (char === '"') quoted = !quoted;
        if (char === "," && !quoted) out.push("");
        else out[out.length - 1] += char;
      }
      return out;
    };
    const column = (row: string | undefined, name: string) => cells(row)[header!.split(",").indexOf(name)];
    expect(column(first, "date")).toBe("2026-03-14");
    expect(column(first, "time")).toBe("1:16.76");
    expect(column(first, "time_as_printed")).toBe('"01:16,76"');
    expect(column(first, "tie")).toBe("true");
    expect(first).toContain("50m 35.09");
    expect(column(second, "relay_leg")).toBe("2");
    expect(column(second, "leg_time")).toBe("33.12");
    expect(second).toContain("Mixed 4x50m Lagen");
  });
});
