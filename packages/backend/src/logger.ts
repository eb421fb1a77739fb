/** Structured JSON logging (pino), one logger per process, passed to whoever needs it. */
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "splitstream" }, timestamp: pino.stdTimeFunctions.isoTime });
}
