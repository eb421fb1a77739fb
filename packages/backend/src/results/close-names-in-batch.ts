/** "Did you mean": close names across every meet a batch read, with their swim counts added up. */
import { closeNames } from "@splitstream/extract";
import type { DbOrTx } from "../db/database.ts";
import { readBatchExtractions } from "./batch-extractions.ts";

const LIMIT = 5;

export async function closeNamesInBatch(
  db: DbOrTx,
  batchId: string,
  swimmerName: string,
): Promise<Array<{ name: string; swimCount: number }>> {
  const outputs = await readBatchExtractions(db, batchId);
  const merged = new Map<string, { name: string; swimCount: number; distance: number }>();
  for (const { output } of outputs) {
    for (const close of closeNames(output.swims, swimmerName, LIMIT)) {
      const seen = merged.get(close.name);
      if (seen) {
        seen.swimCount += close.swimCount;
        seen.distance = Math.min(seen.distance, close.distance);
      } else merged.set(close.name, { ...close });
    }
  }
  return [...merged.values()]
    .sort((a, b) => a.distance - b.distance || b.swimCount - a.swimCount || a.name.localeCompare(b.name))
    .slice(0, LIMIT)
    .map(({ name, swimCount }) => ({ name, swimCount }));
}
