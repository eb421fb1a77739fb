/** The health endpoint's response. */
import { z } from "zod";

export const healthResponseSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  db: z.object({
    driver: z.enum(["pglite", "postgres"]),
    migrations: z.object({ applied: z.number().int(), latest: z.string().nullable() }),
    reachable: z.boolean(),
  }),
  workers: z.object({ active: z.number().int() }),
  /** Whether this server can send the "done" e-mail (SMTP is configured): the form offers the field only then. */
  email: z.object({ enabled: z.boolean() }),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
