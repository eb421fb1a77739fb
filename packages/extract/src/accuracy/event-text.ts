/** Reads distance, stroke and round out of event and round labels as the truth files print them (en, de, nl, fr). */
import type { Stroke } from "@splitstream/shared";

export type RoundClass = "prelim" | "semi" | "final" | "swimoff";

export function strokeFromText(text: string): Stroke | null {
  const t = text.toLowerCase();
  const relay = /relay|staffel|estafette|relais|\d\s*x\s*\d/.test(t);
  if (relay) return /medley|lagen|wissel|4 nages/.test(t) ? "medley_relay" : "free_relay";
  if (/individual medley|\bim\b|lagen|medley|wisselslag|quatre nages/.test(t)) return "im";
  if (/free|freistil|vrije|nage libre|\bfr\b/.test(t)) return "free";
  if (/back|rücken|rug|dos\b/.test(t)) return "back";
  if (/breast|brust|school|brasse/.test(t)) return "breast";
  if (/fly|butterfly|schmetterling|vlinder|papillon|delfin/.test(t)) return "fly";
  return null;
}

export function distanceFromText(text: string): number | null {
  const relay = /(\d)\s*[x×]\s*(\d+)/i.exec(text);
  if (relay) return Number(relay[1]) * Number(relay[2]);
  // "50m", "100 Yard", "200 LC Meter", then a bare number before a stroke word ("Women 100 Free").
  const match =
    /\b(\d{2,4})\s*(?:m|y|yd|yards?|meters?|metres?)\b/i.exec(text) ??
    /\b(\d{2,4})\s+(?:lc|sc)\b/i.exec(text) ??
    /\b(\d{2,4})\s+(?:free|back|breast|fly|butterfly|im|medley|individual)/i.exec(text);
  return match ? Number(match[1]) : null;
}

export function roundFromText(text: string): RoundClass | null {
  const t = text.toLowerCase();
  if (/swim-?off|stechen/.test(t)) return "swimoff";
  if (/semi/.test(t)) return "semi";
  if (/heat|prelim|vorlauf|series|séries|reeks/.test(t)) return "prelim";
  if (/final|finale|endlauf/.test(t)) return "final";
  return null;
}

/** The class used when comparing rounds: timed finals are finals, heats are prelims. */
export function roundClassOf(round: string): RoundClass {
  if (round === "prelim" || round === "heat") return "prelim";
  if (round === "semi") return "semi";
  if (round === "swimoff") return "swimoff";
  return "final";
}

/** "F" | "M" | "X" from an event label ("Women's …", "Boys 11-12 …", "… männlich", "Mixed …"). */
export function genderFromText(text: string): "F" | "M" | "X" | null {
  const t = text.toLowerCase();
  if (/\b(mixed|mixte|gemischt|mix)\b/.test(t)) return "X";
  if (/\b(women|woman|girls?|ladies|damen|dames|weiblich|femmes)\b|women's/.test(t)) return "F";
  if (/\b(men|man|boys?|herren|heren|männlich|hommes)\b|men's/.test(t)) return "M";
  return null;
}
