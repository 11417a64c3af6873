import { parse } from "csv-parse/sync";
import { assert, assertEquals } from "../results/_assert.ts";
import { runCli } from "./_run.ts";
import { writeStore } from "./_store.ts";

Deno.test("deno task export writes the leaderboard table and per-sample data as CSV and JSON", async () => {
  const results = await Deno.makeTempDir();
  const out = await Deno.makeTempDir();
  await writeStore(results);
  const perms = ["--allow-read", `--allow-write=${out}`];
  const csv = await runCli("export", perms, [
    "--format",
    "csv",
    "--results",
    results,
    "--out",
    out,
  ]);
  assertEquals(csv.code, 0, csv.stderr);
  const board = parse(await Deno.readTextFile(`${out}/leaderboard.csv`), {
    columns: true,
  }) as Record<
    string,
    string
  >[];
  assertEquals(board.length, 9);
  const q = board.find((r) => r.model === "dec" && r.profile === "quality")!;
  assertEquals([q.score, q.scoreCiLow, q.scoreCiHigh], ["50", "40", "60"]);
  const samples = parse(await Deno.readTextFile(`${out}/samples.csv`), { columns: true }) as Record<
    string,
    string
  >[];
  assertEquals(samples.length, 9);
  assert(samples.every((s) => s["score.squad.f1"] !== ""));
  const json = await runCli("export", perms, [
    "--format",
    "json",
    "--results",
    results,
    "--out",
    out,
  ]);
  assertEquals(json.code, 0, json.stderr);
  const rows = JSON.parse(await Deno.readTextFile(`${out}/leaderboard.json`));
  assertEquals(rows.length, 9);
  assertEquals(JSON.parse(await Deno.readTextFile(`${out}/samples.json`)).length, 9);
});

Deno.test("deno task export: a bad format is a one-line error with exit code 2", async () => {
  const out = await Deno.makeTempDir();
  const r = await runCli("export", ["--allow-read", `--allow-write=${out}`], [
    "--format",
    "xlsx",
    "--out",
    out,
  ]);
  assertEquals(r.code, 2);
  assert(r.stderr.startsWith("error: ") && r.stderr.trim().split("\n").length === 1, r.stderr);
  assertEquals([...Deno.readDirSync(out)], []);
});
