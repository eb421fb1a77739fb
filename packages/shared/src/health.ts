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
  version: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
