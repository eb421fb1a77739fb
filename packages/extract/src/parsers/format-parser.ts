/** The interface every format parser (one module per producing software) implements. */
import type { Meet, Swim } from "@splitstream/shared";
import type { PdfText } from "../pdf/text-layout.ts";

export type FormatId = "hytek" | "splash" | "omega" | "isl" | "olympic" | "easywk";

export interface ParsedMeet {
  meet: Meet;
  swims: Swim[];
  warnings: string[];
}

export interface FormatParser {
  id: FormatId;
  /** True when the document was produced by this software (metadata and header lines). */
  detect(doc: PdfText): boolean;
  /** Parses every swim of every swimmer. Throws ExtractionError for documents it recognises but cannot use. */
  parse(doc: PdfText): ParsedMeet;
}
