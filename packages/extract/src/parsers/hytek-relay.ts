/**
 * Hy-Tek relay swimmer lines: "1) Doe, Jane 18  2) r:+0.21 Roe, Ann SR  3) …" — four to a line in the
 * Crystal layout, two to a line in the HTML report — with an age, class year or gender-age ("W17")
 * after each name and the exchange reaction before it.
 */

export interface PrintedLeg {
  order: number;
  name: string;
}

const LEG_START = /^\s*[1-8]\)/;
// A leg number can be glued to the age or class year before it ("… Hassan 214) r:+0.34 …", "… SO4) …").
const LEG = /([1-8])\)\s*/g;
const REACTION = /^r:\S*\s*/;
const TRAILER = /\s+(?:[WMFX]?\d{1,3}|FR|SO|JR|SR|GR|Fr|So|Jr|Sr|Gr)$/;

export function isLegLine(text: string): boolean {
  return LEG_START.test(text);
}

/** The legs printed on one line, in the order they are numbered. */
export function readLegLine(text: string): PrintedLeg[] {
  // Leg numbers count up along the line; any other "n)" belongs to a name.
  const marks: RegExpMatchArray[] = [];
  for (const mark of text.matchAll(LEG)) {
    const last = marks[marks.length - 1];
    if (!last || Number(mark[1]) > Number(last[1])) marks.push(mark);
  }
  const legs: PrintedLeg[] = [];
  marks.forEach((mark, i) => {
    const start = (mark.index ?? 0) + mark[0].length;
    const end = marks[i + 1]?.index ?? text.length;
    let name = text.slice(start, end).replace(/\s+/g, " ").trim().replace(REACTION, "");
    name = name.replace(TRAILER, "").trim();
    if (name && /\p{L}/u.test(name)) legs.push({ order: Number(mark[1]), name });
  });
  return legs;
}
