/** Developer tool: prints the rebuilt lines of a PDF (`node --import tsx dump-layout.ts file.pdf [pages]`). */
import { readFile } from "node:fs/promises";
import { readPdfText } from "./pdf/text-layout.ts";

const [file, pageSpec] = process.argv.slice(2);
if (!file) {
  console.error("usage: dump-layout <file.pdf> [first[-last]]");
  process.exit(2);
}
const [first, last] = (pageSpec ?? "1-9999").split("-").map(Number);
const text = await readPdfText(new Uint8Array(await readFile(file)));
console.log(
  `producer=${text.producer} creator=${text.creator} title=${text.title} pages=${text.pages.length}`,
);
for (const page of text.pages) {
  if (page.number < (first ?? 1) || page.number > (last ?? first ?? 1)) continue;
  console.log(`---- page ${page.number} (${page.width}x${page.height})`);
  for (const line of page.lines) console.log(line.text);
}
