/** Splits a printed or typed person name into surname and given names, in the forms results use. */

export interface PersonName {
  /** Surname tokens; null when the form does not say which part is the surname ("Jane Doe"). */
  surname: string[] | null;
  given: string[] | null;
  /** Every token in printed order (used when the structure is unknown). */
  tokens: string[];
  /** Where the surname was printed, when known: first ("Doe, Jane", "DOE Jane") or last. */
  surnameFirst: boolean | null;
}

const PARTICLES = new Set([
  "van",
  "von",
  "de",
  "der",
  "den",
  "da",
  "di",
  "du",
  "del",
  "della",
  "la",
  "le",
  "ten",
  "ter",
  "af",
  "av",
  "zu",
  "dos",
  "das",
  "st",
]);

const SPECIAL_LETTERS: Record<string, string> = {
  ß: "ss",
  ẞ: "SS",
  ø: "o",
  Ø: "O",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ð: "d",
  þ: "th",
  ı: "i",
};

/** Removes accents (NFD + combining marks) and maps letters NFD cannot split (ß, ø, ł …). */
export function foldAccents(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[ßẞøØæÆœŒłŁđĐðþı]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch);
}

/**
 * Case-folds and unifies punctuation: apostrophes vanish ("O'Neil" = "ONeil"), hyphens, dots and
 * underscores become spaces ("Smith-Jones" = "Smith Jones", "M." = "M"). Accents are kept.
 */
export function normaliseToken(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/['’‘`´ʼ]/g, "")
    .replace(/[-‐‑–—._]/g, " ")
    .replace(/[^\p{L}\p{N}\s,]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function isUpperWord(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, "");
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

function isMixedWord(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, "");
  return letters.length > 0 && letters !== letters.toUpperCase();
}

function tokensOf(text: string): string[] {
  return normaliseToken(text).replace(/,/g, " ").split(" ").filter(Boolean);
}

/** Parses "Last, First M", "LAST First", "de LOOF Catie", "First Last" (structure unknown) … */
export function parsePersonName(
  printed: string,
  parts?: { firstName?: string | null; lastName?: string | null },
): PersonName {
  const cleaned = printed.replace(/\s+/g, " ").trim();
  if (parts?.lastName && parts.firstName) {
    const surname = tokensOf(parts.lastName);
    const given = tokensOf(parts.firstName);
    const lastIndex = cleaned.toLowerCase().indexOf(parts.lastName.toLowerCase());
    const firstIndex = cleaned.toLowerCase().indexOf(parts.firstName.toLowerCase());
    return {
      surname,
      given,
      tokens: tokensOf(cleaned),
      surnameFirst: lastIndex >= 0 && firstIndex >= 0 ? lastIndex < firstIndex : null,
    };
  }
  const comma = cleaned.indexOf(",");
  if (comma > 0) {
    const surname = tokensOf(cleaned.slice(0, comma));
    const given = tokensOf(cleaned.slice(comma + 1));
    if (surname.length > 0 && given.length > 0) {
      return { surname, given, tokens: [...surname, ...given], surnameFirst: true };
    }
  }
  const words = cleaned.split(" ").filter(Boolean);
  // "SURNAME Given" (ORIS, Splash, ISL): leading upper-case words, maybe after particles ("de LOOF").
  let end = 0;
  let sawUpper = false;
  while (end < words.length) {
    const word = words[end]!;
    if (isUpperWord(word)) sawUpper = true;
    else if (!PARTICLES.has(word.toLowerCase()) || sawUpper) break;
    end++;
  }
  if (sawUpper && end > 0 && end < words.length && words.slice(end).every(isMixedWord)) {
    const surname = tokensOf(words.slice(0, end).join(" "));
    const given = tokensOf(words.slice(end).join(" "));
    return { surname, given, tokens: [...surname, ...given], surnameFirst: true };
  }
  // "Given SURNAME": trailing upper-case words after mixed-case ones.
  let start = words.length;
  while (start > 0 && isUpperWord(words[start - 1]!)) start--;
  if (start > 0 && start < words.length && words.slice(0, start).every(isMixedWord)) {
    const given = tokensOf(words.slice(0, start).join(" "));
    const surname = tokensOf(words.slice(start).join(" "));
    return { surname, given, tokens: [...given, ...surname], surnameFirst: false };
  }
  return { surname: null, given: null, tokens: tokensOf(cleaned), surnameFirst: null };
}

/** Every (surname, given) reading of a name: the known one, or each split of an unstructured name. */
export function readings(name: PersonName): { surname: string[]; given: string[]; surnameFirst: boolean }[] {
  if (name.surname && name.given) {
    return [{ surname: name.surname, given: name.given, surnameFirst: name.surnameFirst ?? true }];
  }
  const out: { surname: string[]; given: string[]; surnameFirst: boolean }[] = [];
  const t = name.tokens;
  for (let k = 1; k < t.length; k++) {
    // "Jane Marie van Doe": surname is a tail; "Doe Jane": surname is a head.
    out.push({ surname: t.slice(k), given: t.slice(0, k), surnameFirst: false });
    out.push({ surname: t.slice(0, k), given: t.slice(k), surnameFirst: true });
  }
  return out;
}
