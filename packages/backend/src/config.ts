/** Configuration, read once from the environment and checked by zod; the only module that reads process.env. */
import { tmpdir } from "node:os";
import { z } from "zod";

const booleanFromEnv = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const megabytes = (fallback: number) =>
  z.coerce
    .number()
    .positive()
    .default(fallback)
    .transform((mb) => Math.round(mb * 1024 * 1024));

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().default("./data"),
  /** Where uploads and downloads stream to before they are stored in the database. */
  TEMP_DIR: z.string().default(tmpdir()),
  ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where the built web app is; served at / when it exists. */
  WEB_DIST_DIR: z.string().optional(),
  CORS_ORIGINS: z.string().default("http://localhost:5173"),
  MAX_FILE_MB: megabytes(50),
  MAX_SOURCES_PER_BATCH: z.coerce.number().int().min(1).max(1000).default(50),
  /** Slow uploads must not be cut off by Node's 300 s default. */
  REQUEST_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(30 * 60 * 1000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(20_000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(2),
  EXTRACTION_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  EXTRACTION_MEMORY_MB: z.coerce.number().int().min(64).default(1024),
  DOWNLOAD_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  DOWNLOAD_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** First retry delay; each further retry doubles it (with jitter). */
  RETRY_BASE_MS: z.coerce.number().int().min(1).default(2000),
  /** How long a claimed job stays with its worker without a heartbeat. */
  JOB_LEASE_MS: z.coerce.number().int().min(500).default(30_000),
  /** How often idle workers look for due jobs when no NOTIFY wakes them. */
  QUEUE_POLL_MS: z.coerce.number().int().min(50).default(2000),
  ALLOW_PRIVATE_URLS: booleanFromEnv.default(false),
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(15_000),
  SSE_MAX_STREAMS_PER_IP: z.coerce.number().int().min(1).default(20),
  SSE_MAX_STREAMS: z.coerce.number().int().min(1).default(20_000),
  /** Unsent bytes one SSE connection may hold; a client that falls further behind is dropped and resumes. */
  SSE_BUFFER_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  BATCH_TTL_DAYS: z.coerce.number().int().min(1).default(30),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default("Splitstream <no-reply@splitstream.local>"),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** Reads the process environment; exits with a clear message (exit code 78, EX_CONFIG) when it is wrong. */
export function loadConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}
