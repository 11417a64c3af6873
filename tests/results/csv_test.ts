import { parse } from "csv-parse/sync";
import { assertEquals } from "./_assert.ts";
import { makeCell } from "./_fixtures.ts";
import { csvText, leaderboardCsv, neutralizeCell, toRow } from "../../src/results/mod.ts";

Deno.test("csvText makes formula-like text inert and keeps numbers numeric", () => {
  const hostile = '=HYPERLINK("http://evil.example","x")';
  const text = csvText(["id", "delta", "note", "tied"], [
    [hostile, -1.5, "+cmd", true],
    ["@SUM(A1)", 0, "-2+3", null],
    ["\tx", Number.NaN, "plain", false],
  ]);
  const rows = parse(text) as string[][];
  assertEquals(rows, [
    ["id", "delta", "note", "tied"],
    [`'${hostile}`, "-1.5", "'+cmd", "true"],
    ["'@SUM(A1)", "0", "'-2+3", ""],
    ["'\tx", "", "plain", "false"],
  ]);
  assertEquals(neutralizeCell("eb-dec-base"), "eb-dec-base");
});

Deno.test("the leaderboard CSV writes a hostile model id inert", () => {
  const cell = makeCell();
  const hostile = makeCell({ model: { ...cell.model, id: "=cmd|' /C calc'!A0" } });
  const rows = parse(leaderboardCsv([toRow(hostile)]), { columns: true }) as Record<
    string,
    string
  >[];
  assertEquals(rows[0]!.model, "'=cmd|' /C calc'!A0");
  assertEquals(rows[0]!.score, "60");
});
