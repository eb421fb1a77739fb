/** The extraction output contract: what packages/extract produces and the pipeline stores. */
import { z } from "zod";

export const strokeSchema = z.enum(["free", "back", "breast", "fly", "im", "medley_relay", "free_relay"]);
export const courseSchema = z.enum(["SCY", "SCM", "LCM"]);
export const roundSchema = z.enum(["prelim", "final", "timed_final", "semi", "swimoff", "heat"]);
export const swimStatusSchema = z.enum(["OK", "DQ", "DNS", "DNF", "SCR", "NS", "EXH"]);

export const eventSchema = z.object({
  /** Event number as printed; null for events without one (e.g. some masters meets). */
  number: z.string().nullable(),
  distance: z.number().int().positive(),
  stroke: strokeSchema,
  relay: z.boolean(),
  /** "Women 15-16", "Boys 11-12", "Open", para class, … as printed, or null. */
  ageGroup: z.string().nullable(),
  /** "F" | "M" | "X" (mixed) or null when the document does not say. */
  gender: z.enum(["F", "M", "X"]).nullable(),
  course: courseSchema.nullable(),
});

export const splitSchema = z.object({
  distance: z.number().int().positive(),
  timeMs: z.number().int().nonnegative(),
});

export const relayLegSchema = z.object({
  name: z.string(),
  order: z.number().int().min(1),
  timeMs: z.number().int().nonnegative().nullable(),
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
  heat: z.number().int().nullable(),
  lane: z.number().int().nullable(),
  place: z.number().int().nullable(),
  /** The time as printed ("1:02.34", "1:02,34"), or null when there is none (DQ, DNS…). */
  time: z.string().nullable(),
  timeMs: z.number().int().nonnegative().nullable(),
  seedTime: z.string().nullable(),
  status: swimStatusSchema,
  dqReason: z.string().nullable(),
  points: z.number().nullable(),
  reactionTime: z.number().nullable(),
  splits: z.array(splitSchema),
  relayLegs: z.array(relayLegSchema),
  /** 1-based page the swim was read from. */
  page: z.number().int().min(1),
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
