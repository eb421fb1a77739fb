/** The extraction output contract: what packages/extract produces and the pipeline stores. */
import { z } from "zod";

/** `other`: an event the parser could not map to a stroke (kick, technique, novelty): its printed name says what. */
export const strokeSchema = z.enum([
  "free",
  "back",
  "breast",
  "fly",
  "im",
  "medley_relay",
  "free_relay",
  "other",
]);
export const COURSES = ["SCY", "SCM", "LCM"] as const;
export const courseSchema = z.enum(COURSES);
export const roundSchema = z.enum(["prelim", "final", "timed_final", "semi", "swimoff", "heat"]);
export const swimStatusSchema = z.enum(["OK", "DQ", "DNS", "DNF", "SCR", "NS", "EXH"]);

/** A swim time as every output shows it: `m:ss.cc`, or `ss.cc` under a minute. */
export const canonicalTimeSchema = z.string().regex(/^(?:[1-9]\d*:[0-5]\d|[1-5]?\d)\.\d\d$/, "Not m:ss.cc");

export const eventSchema = z.object({
  /** Event number as printed; null for events without one (e.g. some masters meets). */
  number: z.string().nullable(),
  /** The event's header as printed ("Mixed 4x50 Medley Relay", "50m Beine Freistil"), or null. */
  name: z.string().nullable(),
  distance: z.number().int().positive(),
  stroke: strokeSchema,
  relay: z.boolean(),
  /** "Women 15-16", "Boys 11-12", "Open", para class, … as printed, or null. */
  ageGroup: z.string().nullable(),
  /** "F" | "M" | "X" (mixed) or null when the document does not say. */
  gender: z.enum(["F", "M", "X"]).nullable(),
  course: courseSchema.nullable(),
});

/** A cumulative split: the time at `distance` from the start of the swim. */
export const splitSchema = z.object({
  distance: z.number().int().positive(),
  timeMs: z.number().int().nonnegative(),
  time: canonicalTimeSchema,
});

/** One relay swimmer as printed under the team; `timeMs` is that swimmer's own leg where the PDF prints it. */
export const relayLegSchema = z.object({
  name: z.string(),
  order: z.number().int().min(1),
  timeMs: z.number().int().nonnegative().nullable(),
  time: canonicalTimeSchema.nullable(),
});

export const swimSchema = z.object({
  /** Name as printed (for relays: the team name). */
  name: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  age: z.number().int().nullable(),
  birthYear: z.number().int().nullable(),
  team: z.string().nullable(),
  gender: z.enum(["F", "M", "X"]).nullable(),
  event: eventSchema,
  round: roundSchema,
  /** The round as the meet names it when `round` alone cannot tell rows apart: "Skins Round 2", "Swim-off", "B Final", "Time Trial". */
  roundLabel: z.string().nullable(),
  heat: z.number().int().nullable(),
  lane: z.number().int().nullable(),
  place: z.number().int().nullable(),
  /** The place is shared with another swimmer (printed "=9", "*9" or "9T"). */
  tie: z.boolean(),
  /** The time in canonical form (`m:ss.cc`), or null when there is none (DQ, DNS…). */
  time: canonicalTimeSchema.nullable(),
  /** The time exactly as the PDF printed it ("01:16,76", "1:02.34"). */
  timeAsPrinted: z.string().nullable(),
  timeMs: z.number().int().nonnegative().nullable(),
  seedTime: canonicalTimeSchema.nullable(),
  seedTimeAsPrinted: z.string().nullable(),
  status: swimStatusSchema,
  dqReason: z.string().nullable(),
  points: z.number().nullable(),
  reactionTime: z.number().nullable(),
  splits: z.array(splitSchema),
  relayLegs: z.array(relayLegSchema),
  /** 1-based page the swim was read from. */
  page: z.number().int().min(1),
  /** ISO day the swim was swum: its session's or event's date where the PDF prints one, else the meet's start. */
  date: z.iso.date().nullable(),
  /** True when `date` is only the meet's start date (the PDF gives no day per session or event). */
  dateIsMeetStart: z.boolean(),
});

export const meetSchema = z.object({
  name: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  course: courseSchema.nullable(),
  venue: z.string().nullable(),
  software: z.string().nullable(),
});

export const extractionOutputSchema = z.object({
  meet: meetSchema,
  swims: z.array(swimSchema),
  warnings: z.array(z.string()),
});

export type Stroke = z.infer<typeof strokeSchema>;
export type Course = z.infer<typeof courseSchema>;
export type Round = z.infer<typeof roundSchema>;
export type SwimStatus = z.infer<typeof swimStatusSchema>;
export type SwimEvent = z.infer<typeof eventSchema>;
export type Split = z.infer<typeof splitSchema>;
export type RelayLeg = z.infer<typeof relayLegSchema>;
export type Swim = z.infer<typeof swimSchema>;
export type Meet = z.infer<typeof meetSchema>;
export type ExtractionOutput = z.infer<typeof extractionOutputSchema>;
