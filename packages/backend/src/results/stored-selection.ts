/**
 * What a job keeps of its meet: the swimmer's swims (with their own relay legs), whether the name
 * fitted several people, and the meet. Made when the job completes and again whenever the person
 * changes the name or picks one of the namesakes; always from the stored extraction, never a re-parse.
 */
import { type SelectedSwim, type SwimmerIdentity, selectSwimmer } from "@splitstream/extract";
import type { ExtractionOutput } from "@splitstream/shared";

export type SwimmerChoice = { team: string | null; birthYear: number | null };

export interface StoredSelection {
  meet: ExtractionOutput["meet"];
  swims: SelectedSwim[];
  ambiguous: boolean;
  identities: SwimmerIdentity[];
  warnings: string[];
}

export function storedSelection(
  output: ExtractionOutput,
  swimmerName: string,
  choice: SwimmerChoice | null,
): StoredSelection {
  const selection = selectSwimmer(output.swims, swimmerName, choice);
  return {
    meet: output.meet,
    swims: selection.swims,
    ambiguous: selection.ambiguous,
    identities: selection.identities,
    warnings: output.warnings,
  };
}

/**
 * A selection stored before extractor 2.0 (relay leg as a bare number, no dates, no identities)
 * read in today's shape, so batches made before the upgrade still open until they expire.
 */
export function upgradeStoredSelection(stored: StoredSelection): StoredSelection {
  return {
    ...stored,
    identities: stored.identities ?? [],
    swims: stored.swims.map((swim) => {
      const legacyLeg = swim.relayLeg as unknown;
      return {
        ...swim,
        tie: swim.tie ?? false,
        roundLabel: swim.roundLabel ?? null,
        timeAsPrinted: swim.timeAsPrinted ?? swim.time,
        date: swim.date ?? stored.meet.startDate,
        dateIsMeetStart: swim.dateIsMeetStart ?? true,
        relayLeg:
          typeof legacyLeg === "number"
            ? { order: legacyLeg, timeMs: null, time: null, splits: [] }
            : (swim.relayLeg ?? null),
      };
    }),
  };
}
