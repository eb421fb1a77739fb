/** Minimal RFC 4180 CSV/TSV reading (quoted fields, doubled quotes, newlines in quotes) for the truth files. */

export function parseDelimited(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

/** Rows as objects keyed by the header row; with `rMissing`, "NA" (R's missing value) becomes "". */
export function readRecords(text: string, delimiter = ",", rMissing = false): Record<string, string>[] {
  const [header, ...rows] = parseDelimited(text, delimiter);
  if (!header) return [];
  // Only R's outputs use NA for missing: in the DSV export "NA" is a status (nicht angetreten).
  const value = (cell: string | undefined) => (rMissing && cell === "NA" ? "" : (cell ?? ""));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, value(row[i])])));
}
