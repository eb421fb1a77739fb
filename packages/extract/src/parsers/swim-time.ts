/** Parses printed swim times ("59.12", "1:02.34", "1:02,34", "1.02.34", "15:01.2") into milliseconds. */

const TIME = /^(?:(\d{1,2})[:.])?(?:(\d{1,2})[:.])?(\d{1,2})[.,](\d{1,3})$/;

export function parseSwimTime(printed: string): number | null {
  const text = printed.trim().replace(/^[xX*]/, "");
  const match = TIME.exec(text);
  if (!match) return null;
  const [, a, b, secText, fraction] = match;
  const hours = a !== undefined && b !== undefined ? Number(a) : 0;
  const minutes = b !== undefined ? Number(b) : a !== undefined ? Number(a) : 0;
  const seconds = Number(secText);
  if (seconds >= 60 || minutes >= 60) return null;
  const ms = Math.round(Number(`0.${fraction}`) * 1000);
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
}
