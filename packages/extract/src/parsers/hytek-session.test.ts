import { describe, expect, it } from "vitest";
import { headingRound, parseHytekTitle } from "./hytek-event.ts";
import { isReportTitle, sessionDate } from "./hytek-session.ts";

const meet = { startDate: "2018-06-20", endDate: "2018-06-23", dayFirst: true };

describe("sessionDate", () => {
  it("reads the meet's day number", () => {
    expect(sessionDate("Results - Day 2 Session 2", meet)).toBe("2018-06-21");
    expect(sessionDate("Results - Day 4 Finals", meet)).toBe("2018-06-23");
    // A day beyond the meet's last is none.
    expect(sessionDate("Results - Day 5", meet)).toBeNull();
  });

  it("reads a weekday that falls once within the meet", () => {
    const weekend = { startDate: "2018-10-19", endDate: "2018-10-20", dayFirst: false };
    expect(sessionDate("Results - Friday PM", weekend)).toBe("2018-10-19");
    expect(sessionDate("Results - Sat AM", weekend)).toBe("2018-10-20");
    expect(sessionDate("Results - Sunday", weekend)).toBeNull();
  });

  it("reads a printed date in the document's order, only within the meet", () => {
    expect(sessionDate("Results - Session 3 - 22/6/2018", meet)).toBe("2018-06-22");
    expect(sessionDate("Results - Session 3 - 22/7/2018", meet)).toBeNull();
    expect(sessionDate("Results - 6/22/2018", { ...meet, dayFirst: false })).toBe("2018-06-22");
  });

  it("names no day for a plain report title or an unnamed session", () => {
    expect(sessionDate("Results", meet)).toBeNull();
    expect(sessionDate("Results - IU - LOU", meet)).toBeNull();
    expect(sessionDate("Results - Meet", { startDate: null, endDate: null, dayFirst: false })).toBeNull();
    expect(isReportTitle("Results - Day 2 Session 2")).toBe(true);
    expect(isReportTitle("Invented Spring Invitational - 3/1/2024")).toBe(false);
  });
});

describe("parseHytekTitle: names, novelty events and round labels", () => {
  it("keeps the title as printed and reads kick, pull and drill events as stroke 'other'", () => {
    expect(parseHytekTitle("Event 21 Girls 8 & Under 25 Yard Kick")?.event).toMatchObject({
      number: "21",
      name: "Girls 8 & Under 25 Yard Kick",
      distance: 25,
      stroke: "other",
      relay: false,
      ageGroup: "Girls 8 & Under",
      gender: "F",
    });
    expect(parseHytekTitle("Event 9 Boys 10 & Under 50 Yard Freestyle Kick")?.event?.stroke).toBe("other");
    expect(parseHytekTitle("Event 30 Mixed 100 Yard Kick Relay")?.event).toMatchObject({
      stroke: "other",
      relay: true,
      gender: "X",
    });
    expect(parseHytekTitle("Women 25-29 50 Yard Kick")?.event).toMatchObject({
      number: null,
      stroke: "other",
    });
  });

  it("reads a numbered title without a distance as unreadable, and diving as no swims", () => {
    expect(parseHytekTitle("Event 4 Girls 8 & Under Noodle Challenge")).toMatchObject({
      event: null,
      unreadable: true,
      name: "Girls 8 & Under Noodle Challenge",
    });
    expect(parseHytekTitle("Event 20 Women Platform Diving")).toMatchObject({
      event: null,
      unreadable: false,
    });
    expect(parseHytekTitle("Women 25-29 Team Standings")).toBeNull();
  });

  it("labels lettered finals and keeps plain rounds unlabelled", () => {
    expect(headingRound("A - Final")).toEqual({ round: "final", label: "A Final" });
    expect(headingRound("C - Final")).toEqual({ round: "final", label: "C Final" });
    expect(headingRound("Consolation Final")).toEqual({ round: "final", label: "Consolation Final" });
    expect(headingRound("Finals")).toEqual({ round: "final", label: null });
    expect(headingRound("Preliminaries")).toEqual({ round: "prelim", label: null });
    expect(headingRound("- Time Trial")).toEqual({ round: "timed_final", label: "Time Trial" });
    expect(parseHytekTitle("B - Final ... (Event 9 Boys 200 Yard Freestyle Relay)")).toMatchObject({
      continued: true,
      heading: { round: "final", label: "B Final" },
      name: "Boys 200 Yard Freestyle Relay",
    });
  });
});
