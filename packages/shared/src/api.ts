/** Request and response bodies of the HTTP API (camelCase JSON). */
import { z } from "zod";
import { jobErrorCodeSchema } from "./error-codes.ts";
import {
  canonicalTimeSchema,
  courseSchema,
  meetSchema,
  splitSchema,
  strokeSchema,
  swimSchema,
} from "./extraction.ts";
import { batchStatusSchema, jobSourceSchema, jobStageSchema, jobStatusSchema } from "./pipeline.ts";

const isoDate = z.string().describe("ISO 8601 timestamp");

export const SWIMMER_NAME_MIN = 2;
export const SWIMMER_NAME_MAX = 120;

export const swimmerNameSchema = z
  .string()
  .trim()
  .min(SWIMMER_NAME_MIN, `The swimmer's name needs at least ${SWIMMER_NAME_MIN} characters.`)
  .max(SWIMMER_NAME_MAX, `The swimmer's name can have at most ${SWIMMER_NAME_MAX} characters.`);

export const sourceUrlSchema = z
  .string()
  .trim()
  .url("Not a valid URL.")
  .refine((value) => /^https?:\/\//i.test(value), "Only http and https URLs can be fetched.");

export const notificationEmailSchema = z.string().trim().email("Not a valid e-mail address.").max(254);

/** JSON form of POST /batches (URLs only; files come as multipart with the same field names). */
export const createBatchJsonSchema = z.object({
  swimmerName: swimmerNameSchema,
  urls: z.array(sourceUrlSchema).default([]),
  notificationEmail: notificationEmailSchema.optional(),
});
export type CreateBatchJson = z.infer<typeof createBatchJsonSchema>;

export const jobSchema = z.object({
  id: z.string().uuid(),
  batchId: z.string().uuid(),
  position: z.number().int(),
  sourceType: jobSourceSchema,
  sourceUrl: z.string().nullable(),
  fileName: z.string().nullable(),
  sha256: z.string().nullable(),
  fileSize: z.number().int().nullable(),
  status: jobStatusSchema,
  stage: jobStageSchema,
  cached: z.boolean(),
  progressMessage: z.string().nullable(),
  errorCode: jobErrorCodeSchema.nullable(),
  errorMessage: z.string().nullable(),
  retryCount: z.number().int(),
  attempts: z.number().int(),
  swimCount: z.number().int().nullable(),
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  completedAt: isoDate.nullable(),
});
export type Job = z.infer<typeof jobSchema>;

export const batchCountsSchema = z.object({
  total: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  cached: z.number().int(),
});
export type BatchCounts = z.infer<typeof batchCountsSchema>;

export const batchSchema = z.object({
  id: z.string().uuid(),
  swimmerName: z.string(),
  status: batchStatusSchema,
  counts: batchCountsSchema,
  /** The sequence number of the batch's newest event. */
  lastSeq: z.number().int(),
  hasNotificationEmail: z.boolean(),
  resultCode: z.string().nullable(),
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  completedAt: isoDate.nullable(),
  expiresAt: isoDate,
});
export type Batch = z.infer<typeof batchSchema>;

export const batchWithJobsSchema = batchSchema.extend({ jobs: z.array(jobSchema) });
export type BatchWithJobs = z.infer<typeof batchWithJobsSchema>;

export const batchProgressSchema = z.object({
  batchId: z.string().uuid(),
  status: batchStatusSchema,
  counts: batchCountsSchema.extend({ pending: z.number().int(), running: z.number().int() }),
  /** Finished jobs (completed, failed, cancelled) out of all, 0 to 100. */
  percentage: z.number().min(0).max(100),
  /**
   * Seconds until every job is finished, from throughput measured on this service and the work left;
   * null when unknown (nothing measured yet says how fast a file will go, or no worker is running).
   */
  etaSeconds: z.number().nullable(),
  /** What etaSeconds rests on; absent when nothing is left to do. */
  etaBasis: z
    .object({
      /** Pages a worker reads per second (recent parses, and the files being read now). */
      pagesPerSecond: z.number().nullable(),
      /** Download speed per worker (recent downloads, and the ones running now). */
      downloadBytesPerSecond: z.number().nullable(),
      /** Pages still to read in this batch; estimated from file sizes for files not opened yet. */
      pagesLeft: z.number().int().nonnegative(),
      /** Bytes still to download for this batch's URLs. */
      downloadBytesLeft: z.number().int().nonnegative(),
      /** Worker slots running now, over which the work is shared. */
      workers: z.number().int().nonnegative(),
    })
    .optional(),
});
export type BatchProgress = z.infer<typeof batchProgressSchema>;

/** For a relay: the leg the swimmer swam, timed on its own (not the team's cumulative time). */
export const ownRelayLegSchema = z.object({
  order: z.number().int().min(1),
  /** Null when the PDF prints neither the leg's time nor the splits it follows from. */
  timeMs: z.number().int().nonnegative().nullable(),
  time: canonicalTimeSchema.nullable(),
  /** Splits inside the leg, measured from the leg's start. */
  splits: z.array(splitSchema),
});
export type OwnRelayLegView = z.infer<typeof ownRelayLegSchema>;

/** One of the swimmer's swims, with the meet it came from. */
export const resultSwimSchema = swimSchema.extend({
  jobId: z.string().uuid(),
  meet: meetSchema,
  /** The pool the swim was in: the person's setting for the meet, else the event's, else the meet's. */
  course: courseSchema.nullable(),
  /** How the printed name matched the query: exact, reordered, accent-folded, middle-name, initials… */
  matchedAs: z.string(),
  relayLeg: ownRelayLegSchema.nullable(),
});
export type ResultSwim = z.infer<typeof resultSwimSchema>;

export const personalBestSchema = z.object({
  distance: z.number().int(),
  stroke: strokeSchema,
  course: courseSchema.nullable(),
  timeMs: z.number().int(),
  time: z.string(),
  meetName: z.string().nullable(),
  /** The day of the swim itself. */
  date: z.string().nullable(),
  /** True when the PDF gives only the meet's start date, not the day of the swim. */
  dateIsMeetStart: z.boolean(),
  jobId: z.string().uuid(),
});
export type PersonalBest = z.infer<typeof personalBestSchema>;

/** One of several swimmers the name fits in a meet. */
export const swimmerCandidateSchema = z.object({
  label: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  swimCount: z.number().int(),
});
export type SwimmerCandidate = z.infer<typeof swimmerCandidateSchema>;

/** Which namesake the person means: the team and birth year pick them in every meet. */
export const swimmerChoiceSchema = z.object({
  team: z.string().nullable(),
  birthYear: z.number().int().nullable(),
});

export const resultMeetSchema = z.object({
  jobId: z.string().uuid(),
  name: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  course: courseSchema.nullable(),
  courseSetByPerson: z.boolean(),
  swimCount: z.number().int(),
});
export type ResultMeet = z.infer<typeof resultMeetSchema>;

export const batchResultsSchema = z.object({
  batchId: z.string().uuid(),
  swimmerName: z.string(),
  status: batchStatusSchema,
  resultCode: z.string().nullable(),
  swims: z.array(resultSwimSchema),
  personalBests: z.array(personalBestSchema),
  /** Meets where the name fits two or more different swimmers: shown, not guessed, until one is chosen. */
  ambiguities: z.array(z.object({ jobId: z.string().uuid(), candidates: z.array(swimmerCandidateSchema) })),
  /** The namesake chosen for this batch, if one was. */
  swimmerChoice: swimmerChoiceSchema.nullable(),
  /** When no swim was found: close names in the meets that were read ("did you mean"). */
  suggestions: z.array(z.object({ name: z.string(), swimCount: z.number().int() })),
  /** Each meet read, with the course the swims are counted in and whether the person set it. */
  meets: z.array(resultMeetSchema),
  jobs: z.array(jobSchema),
});
export type BatchResults = z.infer<typeof batchResultsSchema>;

/** PUT /batches/{id}/jobs/{jobId}/course: the pool of that meet, as the person knows it (null: unset). */
export const setMeetCourseSchema = z.object({ course: courseSchema.nullable() });

/** POST /batches/{id}/swimmer: another name ("did you mean") and/or one of the namesakes the name fits. */
export const chooseSwimmerSchema = z.object({
  swimmerName: swimmerNameSchema,
  choice: swimmerChoiceSchema.nullable().default(null),
});
export type ChooseSwimmer = z.infer<typeof chooseSwimmerSchema>;

export const batchIdParamSchema = z.object({ id: z.string().uuid("Not a batch id.") });
export const batchJobParamSchema = batchIdParamSchema.extend({ jobId: z.string().uuid("Not a job id.") });
export const resultCodeParamSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{12}$/, "Not a result code."),
});
