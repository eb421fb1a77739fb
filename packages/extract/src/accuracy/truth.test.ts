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

describe("the SwimmeR relay truth", () => {
  it("puts the legs of a Splash relay grid in the order the PDF lists them, down the columns", () => {
    const corpus = mkdtempSync(join(tmpdir(), "splitstream-truth-"));
    mkdirSync(join(corpus, "truth"));
    const header =
      '"Place","Name","Team","Finals_Time","DQ","Event","Relay_Swimmer_1","Relay_Swimmer_2","Relay_Swimmer_3","Relay_Swimmer_4","Split_50","Split_100","Split_150","Split_200","Split_250","Split_300","Split_350","Split_400"';
    // SwimmeR reads the grid across: back (top left), fly (top right), breast (bottom left), free.
    const relay =
      '"1",NA,"Otterland","4:00.00","0","Mixed, 4 x 100m Medley","HOLLOWAY Tansy","FINCH Odo","ASHDOWN Wren","PELL Juniper","30.00","1:01.00","27.00","58.00","32.00","1:08.00","25.00","53.00"';
    writeFileSync(join(corpus, "truth/EURO_MEET_2018.swimmer-parse.csv"), `${header}\n${relay}\n`);
    const [set] = loadTruth(corpus).sets;
    expect(set!.relays[0]!.legs).toEqual([
      { order: 1, name: "HOLLOWAY Tansy", timeMs: 61_000 },
      { order: 2, name: "ASHDOWN Wren", timeMs: 68_000 },
      { order: 3, name: "FINCH Odo", timeMs: 58_000 },
      { order: 4, name: "PELL Juniper", timeMs: 53_000 },
    ]);
    expect(set!.relays[0]).toMatchObject({
      distance: 400,
      stroke: "medley_relay",
      gender: "X",
      timeMs: 240_000,
    });
  });
});
