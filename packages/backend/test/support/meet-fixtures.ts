/**
 * Results PDFs for the pipeline tests: real layouts (the ISL match sheet) with invented names, built
 * once per test file, so the backend suite needs nothing outside the repository.
 */
import {
  makeMeetPdf,
  makePsychSheetPdf,
  meets,
  SWIMMER,
} from "../../../extract/src/test-support/make-meet-pdf.ts";

/** The swimmer every fixture meet contains, as the extraction prints the name. */
export const FIXTURE_SWIMMER = SWIMMER;

let meet: Promise<Uint8Array> | undefined;
let notResults: Promise<Uint8Array> | undefined;

/** A one-page results PDF with FIXTURE_SWIMMER and one rival in a 200 m backstroke final. */
export function meetPdf(): Promise<Uint8Array> {
  meet ??= makeMeetPdf(meets.autumn).then((bytes) => new Uint8Array(bytes));
  return meet;
}

/** A psych sheet: entries with seed times, which the extractor must refuse as NOT_RESULTS. */
export function notResultsPdf(): Promise<Uint8Array> {
  notResults ??= makePsychSheetPdf().then((bytes) => new Uint8Array(bytes));
  return notResults;
}
