/**
 * Finds one swimmer's swims (and the relays they swam a leg of) among all swims of a meet, from a
 * name typed in any of the forms results print, and flags queries that fit two different swimmers.
 */
import type { Swim } from "@splitstream/shared";
import { foldAccents, type PersonName, parsePersonName, readings } from "./person-name.ts";

/** How the printed name had to be bent to fit the query, from strictest to loosest. */
export type MatchHow = "exact" | "reordered" | "punctuation" | "accent-folded" | "middle-name" | "initials";

const LOOSENESS: Record<MatchHow, number> = {
  exact: 0,
  reordered: 1,
  punctuation: 2,
  "accent-folded": 3,
  "middle-name": 4,
  initials: 5,
};

/** Matches that only differ in form (order, case, accents, punctuation) name the same person for sure. */
const FULL_NAME: ReadonlySet<MatchHow> = new Set(["exact", "reordered", "punctuation", "accent-folded"]);

export interface MatchedSwim {
  swim: Swim;
  how: MatchHow;
  /** For a relay swim: the leg (1-based) the swimmer swam. */
  legOrder?: number;
}

/** One person the query fitted: what tells them apart from namesakes, for the person to choose from. */
export interface SwimmerIdentity {
  /** "Name (team, year)" */
  label: string;
  name: string;
  team: string | null;
  birthYear: number | null;
  swimCount: number;
}

/** A choice made among namesakes: the team and birth year that pick one of them in every meet. */
export interface IdentityChoice {
  team: string | null;
  birthYear: number | null;
}

export interface SwimmerMatch {
  swims: MatchedSwim[];
  /** True when the query fits two or more different swimmers and none better than the others: nothing is returned. */
  ambiguous: boolean;
  /** Every distinct swimmer the query fitted, as "Name (team, year)", for the person to choose from. */
  candidates: string[];
  /** The same swimmers with what tells them apart, in the order of `candidates`. */
  identities: SwimmerIdentity[];
}

/** How `printed` fits `query`, or null when it does not. */
export function compareNames(
  query: string,
  printed: string,
  parts?: { firstName?: string | null; lastName?: string | null },
): MatchHow | null {
  const q = parsePersonName(query);
  const c = parsePersonName(printed, parts);
  let best: MatchHow | null = null;
  for (const qr of readings(q)) {
    for (const cr of readings(c)) {
      const how = compareReadings(qr, cr, q, c, query, printed);
      if (how && (best === null || LOOSENESS[how] < LOOSENESS[best])) best = how;
    }
  }
  return best;
}

interface Reading {
  surname: string[];
  given: string[];
  surnameFirst: boolean;
}

function fold(tokens: string[]): string[] {
  return tokens.map((token) => foldAccents(token));
}

function compareReadings(
  qr: Reading,
  cr: Reading,
  q: PersonName,
  c: PersonName,
  queryText: string,
  printedText: string,
): MatchHow | null {
  // Surnames compare without spaces so "van der Berg" = "Vanderberg" and "Smith-Jones" = "Smith Jones".
  if (fold(qr.surname).join("") !== fold(cr.surname).join("")) return null;
  const given = compareGiven(fold(qr.given), fold(cr.given));
  if (!given) return null;
  if (given !== "same") return given;
  if (qr.surname.join("") !== cr.surname.join("") || qr.given.join(" ") !== cr.given.join(" "))
    return "accent-folded";
  if (punctuationOf(queryText) !== punctuationOf(printedText)) return "punctuation";
  // Order only counts as a difference when both sides say where their surname is.
  const qFirst = q.surnameFirst ?? qr.surnameFirst;
  const cFirst = c.surnameFirst ?? cr.surnameFirst;
  return qFirst === cFirst ? "exact" : "reordered";
}

function punctuationOf(text: string): string {
  return text
    .replace(/[^-'’‘`´ʼ‐‑]/g, "")
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/[‐‑]/g, "-");
}

/** Given names fit when the first ones agree (in full or by initial) and every middle name of the shorter list has a partner. */
function compareGiven(q: string[], c: string[]): "same" | "middle-name" | "initials" | null {
  if (q.length === 0 || c.length === 0) return null;
  let initials = false;
  const fits = (a: string, b: string): boolean => {
    if (a === b) return true;
    if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) {
      initials = true;
      return true;
    }
    return false;
  };
  // Joined given names ("Mary-Jane" typed "Maryjane") are the same name.
  if (q.join("") === c.join("") && q.length !== c.length) return "same";
  if (!fits(q[0]!, c[0]!)) return null;
  const [shorter, longer] = q.length <= c.length ? [q, c] : [c, q];
  let at = 1;
  for (const token of shorter.slice(1)) {
    while (at < longer.length && !fits(token, longer[at]!)) at++;
    if (at >= longer.length) return null;
    at++;
  }
  if (initials) return "initials";
  return q.length === c.length ? "same" : "middle-name";
}

interface Identity {
  key: string;
  label: string;
  names: string[];
  team: string | null;
  birthYear: number | null;
  best: MatchHow;
  swims: MatchedSwim[];
}

function teamKey(team: string | null): string {
  return team
    ? foldAccents(team)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "")
    : "";
}

function sameTeam(a: string | null, b: string | null): boolean {
  const x = teamKey(a);
  const y = teamKey(b);
  // Unknown teams, and "Otter SC" vs "Otter SC-CA", do not tell swimmers apart.
  return x === "" || y === "" || x.startsWith(y) || y.startsWith(x);
}

/** One swimmer's swims and relay legs in a meet. Query forms: "Last, First", "First Last", "LAST First", any case and accents. */
export function matchSwimmer(
  swims: readonly Swim[],
  query: string,
  choice: IdentityChoice | null = null,
): SwimmerMatch {
  const identities: Identity[] = [];
  const legMatches: { swim: Swim; how: MatchHow; legOrder: number; legName: string }[] = [];

  for (const swim of swims) {
    if (swim.event.relay) {
      for (const leg of swim.relayLegs) {
        const how = compareNames(query, leg.name);
        if (how) legMatches.push({ swim, how, legOrder: leg.order, legName: leg.name });
      }
      continue;
    }
    const how = compareNames(query, swim.name, swim);
    if (!how) continue;
    const identity = findIdentity(identities, swim);
    const matched: MatchedSwim = { swim, how };
    if (identity) {
      identity.swims.push(matched);
      if (!identity.names.includes(swim.name)) identity.names.push(swim.name);
      if (LOOSENESS[how] < LOOSENESS[identity.best]) identity.best = how;
      identity.team ??= swim.team;
      identity.birthYear ??= swim.birthYear;
    } else {
      identities.push({
        key: `${swim.name}|${teamKey(swim.team)}|${swim.birthYear ?? ""}`,
        label: describe(swim.name, swim.team, swim.birthYear),
        names: [swim.name],
        team: swim.team,
        birthYear: swim.birthYear,
        best: how,
        swims: [matched],
      });
    }
  }

  // Relay legs carry only a name: they join the swimmer found among individual swims (same team),
  // or stand alone as a swimmer of their own when the meet has no individual swims for them.
  const strong = identities.filter((identity) => FULL_NAME.has(identity.best));
  const chosenPool = strong.length > 0 ? strong : identities;
  const legIdentities: Identity[] = [];
  for (const leg of legMatches) {
    const owner = chosenPool.find(
      (identity) =>
        sameTeam(identity.team, leg.swim.team) &&
        (FULL_NAME.has(leg.how) || compareNames(identity.names[0]!, leg.legName) !== null),
    );
    const target =
      owner ??
      legIdentities.find(
        (identity) => identity.names.includes(leg.legName) && sameTeam(identity.team, leg.swim.team),
      );
    const matched: MatchedSwim = { swim: leg.swim, how: leg.how, legOrder: leg.legOrder };
    if (target) {
      target.swims.push(matched);
      continue;
    }
    legIdentities.push({
      key: `${leg.legName}|${teamKey(leg.swim.team)}|`,
      label: describe(leg.legName, leg.swim.team, null),
      names: [leg.legName],
      team: leg.swim.team,
      birthYear: null,
      best: leg.how,
      swims: [matched],
    });
  }

  const all = [...identities, ...legIdentities];
  const candidates = all.map((identity) => identity.label);
  const described = all.map(
    (identity): SwimmerIdentity => ({
      label: identity.label,
      name: identity.names[0]!,
      team: identity.team,
      birthYear: identity.birthYear,
      swimCount: identity.swims.length,
    }),
  );
  if (all.length === 0) return { swims: [], ambiguous: false, candidates, identities: described };
  // Full-name matches outrank initials and middle-name matches: "Jane Doe" is not "J. Doe" when a Jane Doe swam.
  const full = all.filter((identity) => FULL_NAME.has(identity.best));
  let pool = full.length > 0 ? full : all;
  if (pool.length > 1 && choice) {
    pool = pool.filter((identity) => fitsChoice(identity, choice));
    // The chosen swimmer did not swim this meet; its namesakes did.
    if (pool.length === 0) return { swims: [], ambiguous: false, candidates, identities: described };
  }
  if (pool.length > 1) return { swims: [], ambiguous: true, candidates, identities: described };
  const only = pool[0]!;
  const ordered = [...only.swims].sort((a, b) => swims.indexOf(a.swim) - swims.indexOf(b.swim));
  return { swims: ordered, ambiguous: false, candidates, identities: described };
}

/** Namesakes are told apart by team and birth year; a side that is unknown does not rule one out. */
function fitsChoice(identity: Identity, choice: IdentityChoice): boolean {
  const yearFits =
    choice.birthYear === null || identity.birthYear === null || choice.birthYear === identity.birthYear;
  const teamFits = choice.team === null || identity.team === null || sameTeam(identity.team, choice.team);
  return yearFits && teamFits;
}

/** The identity a swim belongs to: same team, no conflicting birth year, and names that fit each other. */
function findIdentity(identities: Identity[], swim: Swim): Identity | undefined {
  return identities.find(
    (identity) =>
      sameTeam(identity.team, swim.team) &&
      (identity.birthYear === null || swim.birthYear === null || identity.birthYear === swim.birthYear) &&
      identity.names.some((name) => name === swim.name || compareNames(name, swim.name, swim) !== null),
  );
}

function describe(name: string, team: string | null, birthYear: number | null): string {
  const extra = [team, birthYear?.toString()].filter(Boolean).join(", ");
  return extra ? `${name} (${extra})` : name;
}
