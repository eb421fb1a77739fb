/** Splits names printed ORIS-style ("van der BERG Anna-Lena", "McWHIRTER Kate") or "Last, First" into parts. */

export interface NameParts {
  firstName: string | null;
  lastName: string | null;
}

// Lower-case particles that belong to a surname when an upper-case surname word follows them.
const PARTICLES = new Set([
  "van",
  "von",
  "der",
  "den",
  "de",
  "di",
  "da",
  "do",
  "dos",
  "das",
  "del",
  "la",
  "le",
  "du",
  "ten",
  "ter",
  "mac",
  "Mc",
  "Mac",
  "y",
  "e",
]);

/** A surname word is printed in capitals (allowing a "Mc"/"Mac"/"O'" prefix): two capitals and no lower-case ending. */
function isSurnameWord(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, "");
  if (letters.length < 2) return false;
  const upper = letters.replace(/\p{Ll}/gu, "");
  if (upper.length < 2) return false;
  // "McWHIRTER": lower case only in a short prefix; "Anna-Lena": lower case at the end.
  const tail = letters.slice(-2);
  return tail === tail.toUpperCase() && tail !== tail.toLowerCase();
}

export function splitPrintedName(printed: string): NameParts {
  const name = printed.replace(/\s+/g, " ").trim();
  if (name.includes(",")) {
    const [last, ...rest] = name.split(",");
    const first = rest.join(",").trim();
    return { lastName: last?.trim() || null, firstName: first || null };
  }
  const words = name.split(" ");
  let end = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    if (isSurnameWord(word)) {
      end = i + 1;
      continue;
    }
    if (PARTICLES.has(word) && words.slice(i + 1).some(isSurnameWord)) continue;
    break;
  }
  if (end === 0) return { lastName: null, firstName: null };
  // Books shorten long names to initials in capitals ("QUILLFEATHER JM"): a short last word is the given name.
  if (end === words.length && end > 1 && (words[end - 1] ?? "").length <= 3) end -= 1;
  const lastName = words.slice(0, end).join(" ");
  const firstName = words.slice(end).join(" ");
  return { lastName, firstName: firstName || null };
}
