/** The version of the extractor's output, stored with every cached extraction result. */

// Bump this whenever the output for some PDF can change (a parser fix, a new field, a new parser,
// different warnings): the cache keys on (sha256, EXTRACTOR_VERSION), so an unchanged version would
// keep serving results produced by the old code.
export const EXTRACTOR_VERSION = "3.0.0";
