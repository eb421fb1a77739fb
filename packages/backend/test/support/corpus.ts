/**
 * Real meet PDFs from the shared corpus, read at test time and never copied into the repo. They name
 * real people, so tests pick a swimmer from the extraction at run time instead of writing a name down.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { extractMeet } from "@splitstream/extract";

export const CORPUS_DIR = fileURLToPath(new URL("../../../../../shared/corpus/pdf/", import.meta.url));

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_DIR);
}

export async function corpusPdf(relativePath: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(`${CORPUS_DIR}${relativePath}`));
}

/** A swimmer with at least one individual swim in the PDF, as its extraction prints the name. */
export async function someSwimmerIn(bytes: Uint8Array): Promise<string> {
  const output = await extractMeet(bytes);
  const swim = output.swims.find(
    (candidate) => !candidate.event.relay && candidate.status === "OK" && candidate.timeMs !== null,
  );
  if (!swim) throw new Error("the PDF has no individual swims to pick a swimmer from");
  return swim.name;
}
