/** Admin authentication: a bearer ADMIN_TOKEN or a signed HttpOnly session cookie, with failed attempts rate-limited per IP. */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { AdminSession } from "@splitstream/shared";
import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { ApiError } from "./api-error.ts";
import type { AppDeps, AppEnv } from "./app-env.ts";
import { clientIp } from "./client-ip.ts";

export const ADMIN_COOKIE_NAME = "splitstream_admin";
/** The cookie goes only to the API, never to page or asset requests. */
const ADMIN_COOKIE_PATH = "/api/v1";
export const ADMIN_SESSION_MS = 12 * 60 * 60 * 1000;

/** Failed attempts (wrong token at login or as a bearer) allowed per IP in one window. */
export const ADMIN_MAX_FAILURES = 10;
export const ADMIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

export interface AdminPrincipal {
  via: "bearer" | "cookie";
  /** When the session cookie expires; null for a bearer token. */
  expiresAt: Date | null;
}

export interface AdminEnv {
  Variables: AppEnv["Variables"] & { admin: AdminPrincipal };
}

const DISABLED_MESSAGE =
  "Admin is disabled on this server: set ADMIN_TOKEN (at least 16 characters) to turn it on.";

/** Lets handlers and services through only for an admin; puts who it is in `c.var.admin`. */
export const requireAdmin = createMiddleware<AdminEnv>(async (c, next) => {
  const outcome = await resolveAdmin(c);
  if (!outcome.ok) throw outcome.error;
  c.set("admin", outcome.principal);
  await next();
});

type Resolution = { ok: true; principal: AdminPrincipal } | { ok: false; error: ApiError };

/** Who is asking, without throwing, so GET /admin/session can answer "not logged in" with 200. */
export async function resolveAdmin<E extends AppEnv>(c: Context<E>): Promise<Resolution> {
  const { config, clock } = c.get("deps");
  const adminToken = config.ADMIN_TOKEN;
  if (!adminToken) return { ok: false, error: new ApiError("UNAUTHORIZED", DISABLED_MESSAGE) };

  const authorization = c.req.header("authorization");
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) {
      return {
        ok: false,
        error: new ApiError("UNAUTHORIZED", "Send the admin token as `Authorization: Bearer <token>`."),
      };
    }
    if (!checkPresentedToken(c, match[1])) {
      return { ok: false, error: new ApiError("UNAUTHORIZED", "The admin token is wrong.") };
    }
    return { ok: true, principal: { via: "bearer", expiresAt: null } };
  }

  const value = await getSignedCookie(c, cookieKey(adminToken), ADMIN_COOKIE_NAME);
  if (value === undefined) {
    return {
      ok: false,
      error: new ApiError(
        "UNAUTHORIZED",
        "Admin access needs a login (POST /api/v1/admin/login) or a bearer token.",
      ),
    };
  }
  const expiresAtMs = value === false ? Number.NaN : Number(value);
  if (!Number.isFinite(expiresAtMs) || expiresAtMs <= clock().getTime()) {
    return {
      ok: false,
      error: new ApiError(
        "UNAUTHORIZED",
        "Your admin session has expired or is no longer valid; log in again.",
      ),
    };
  }
  return { ok: true, principal: { via: "cookie", expiresAt: new Date(expiresAtMs) } };
}

/** POST /admin/login: checks the token and sets the session cookie, or throws 401/429. */
export async function logIn(c: Context<AppEnv>, token: string): Promise<AdminSession> {
  const { config, clock } = c.get("deps");
  if (!config.ADMIN_TOKEN) throw new ApiError("UNAUTHORIZED", DISABLED_MESSAGE);
  if (!checkPresentedToken(c, token)) throw new ApiError("UNAUTHORIZED", "The admin token is wrong.");
  const expiresAt = new Date(clock().getTime() + ADMIN_SESSION_MS);
  await setSignedCookie(c, ADMIN_COOKIE_NAME, String(expiresAt.getTime()), cookieKey(config.ADMIN_TOKEN), {
    httpOnly: true,
    sameSite: "Strict",
    secure: isHttps(c),
    path: ADMIN_COOKIE_PATH,
    expires: expiresAt,
    maxAge: Math.floor(ADMIN_SESSION_MS / 1000),
  });
  return sessionView(true, { via: "cookie", expiresAt });
}

export function logOut(c: Context<AppEnv>): AdminSession {
  deleteCookie(c, ADMIN_COOKIE_NAME, {
    path: ADMIN_COOKIE_PATH,
    secure: isHttps(c),
    httpOnly: true,
    sameSite: "Strict",
  });
  return sessionView(Boolean(c.get("deps").config.ADMIN_TOKEN), null);
}

export function sessionView(enabled: boolean, principal: AdminPrincipal | null): AdminSession {
  return {
    enabled,
    authenticated: principal !== null,
    via: principal?.via ?? null,
    expiresAt: principal?.expiresAt?.toISOString() ?? null,
  };
}

/** Compares in constant time (hashing first hides the length), counting failures; throws 429 once an IP has too many. */
function checkPresentedToken<E extends AppEnv>(c: Context<E>, presented: string): boolean {
  const deps = c.get("deps");
  const limiter = limiterOf(deps);
  const ip = clientIp(c) ?? "unknown";
  const now = deps.clock().getTime();
  const retryAfterMs = limiter.blockedFor(ip, now);
  if (retryAfterMs > 0) {
    const seconds = Math.ceil(retryAfterMs / 1000);
    c.header("Retry-After", String(seconds));
    throw new ApiError(
      "RATE_LIMIT",
      `Too many wrong admin tokens from your address; try again in ${seconds} s.`,
      {
        retryAfterSeconds: seconds,
      },
    );
  }
  const expected = deps.config.ADMIN_TOKEN ?? "";
  const ok = timingSafeEqual(sha256(presented), sha256(expected)) && expected.length > 0;
  if (ok) limiter.reset(ip);
  else limiter.fail(ip, now);
  return ok;
}

function sha256(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** A key of its own for signing, so the cookie never carries anything the token could be recovered from; a new token ends old sessions. */
function cookieKey(adminToken: string): string {
  return createHmac("sha256", adminToken).update("splitstream admin session cookie v1").digest("hex");
}

function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  // Behind a TLS-terminating proxy; trusting it here can only make the cookie stricter.
  return c.req.header("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** Fixed-window failure counts per IP; in memory, since it only slows guessing and needs no agreement between instances. */
class FailureLimiter {
  readonly #windows = new Map<string, { startedAt: number; failures: number }>();

  blockedFor(ip: string, now: number): number {
    const window = this.#windows.get(ip);
    if (!window) return 0;
    const endsAt = window.startedAt + ADMIN_FAILURE_WINDOW_MS;
    if (endsAt <= now) {
      this.#windows.delete(ip);
      return 0;
    }
    return window.failures >= ADMIN_MAX_FAILURES ? endsAt - now : 0;
  }

  fail(ip: string, now: number): void {
    const window = this.#windows.get(ip);
    if (window && window.startedAt + ADMIN_FAILURE_WINDOW_MS > now) window.failures += 1;
    else this.#windows.set(ip, { startedAt: now, failures: 1 });
    if (this.#windows.size > 10_000) this.#prune(now);
  }

  reset(ip: string): void {
    this.#windows.delete(ip);
  }

  #prune(now: number): void {
    for (const [ip, window] of this.#windows) {
      if (window.startedAt + ADMIN_FAILURE_WINDOW_MS <= now) this.#windows.delete(ip);
    }
  }
}

/** One limiter per app (its deps), so separately built apps, as in tests, do not share counts. */
const limiters = new WeakMap<AppDeps, FailureLimiter>();

function limiterOf(deps: AppDeps): FailureLimiter {
  let limiter = limiters.get(deps);
  if (!limiter) {
    limiter = new FailureLimiter();
    limiters.set(deps, limiter);
  }
  return limiter;
}
