/** The one typed API client (hono's `hc` over the backend's route types; no backend code is bundled). */
import type { AppType } from "@splitstream/backend/app-type";
import { hc } from "hono/client";

export const api = hc<AppType>("/api/v1");
