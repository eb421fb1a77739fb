import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTruth } from "./truth.ts";

const HEADER =
  "event_no,round,event,distance,stroke_code,wertung_id,place,not_ranked_reason,name,dsv_id,person_meet_id,gender,birth_year,club,club_code,time,dq_note,age_group,splits,meet,city,pool_length,session_dates";
const row = (eventNo: number, name: string) =>
  `${eventNo},E,50m Freistil weiblich,50,F,1,1,,"${name}",1,1,W,2012,Otter SC,1,31.20,,Jahrgang 2012,,Invented Cup,Nowhere,25,14.03.2026 14.03.2026 15.03.2026 15.03.2026`;

describe("the DSV truth's days", () => {
  it("dates each swim by the session of its event", () => {
    const corpus = mkdtempSync(join(tmpdir(), "splitstream-truth-"));
    mkdirSync(join(corpus, "truth"));
    const rows = [
      row(1, "Holloway, Tansy"),
      row(22, "Ashdown, Wren"),
      row(23, "Finch, Odo"),
      row(123, "Pell, Juniper"),
    ];
    writeFileSync(join(corpus, "truth/Protokoll_24.dsv-individual.csv"), `${HEADER}\n${rows.join("\n")}\n`);
    const [set] = loadTruth(corpus).sets;
    expect(set!.swims.map((s) => s.day)).toEqual(["2026-03-14", "2026-03-14", "2026-03-15", "2026-03-15"]);
    expect(set!.dayBasis).toMatch(/session of the event/);
  });
});
