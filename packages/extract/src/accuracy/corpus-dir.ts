/** Where the shared real-results corpus is: `CORPUS_DIR`, else `../shared/corpus` beside the repository. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const REPO = resolve(import.meta.dirname, "../../../..");

export const CORPUS_DIR = resolve(process.env.CORPUS_DIR ?? join(REPO, "../shared/corpus"));

/** True when the corpus has its PDFs and truth files (it lives outside the repo, so it may be absent). */
export function corpusAvailable(dir = CORPUS_DIR): boolean {
  return existsSync(join(dir, "pdf")) && existsSync(join(dir, "truth"));
}
