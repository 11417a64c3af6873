import assert from "node:assert/strict";
import { runCli } from "./_run.ts";

const PERMS = ["--allow-read=.", "--allow-env"];
const FIXTURES = "tests/fixtures/datasets/shipped";
const NO_DATA = { SQUAD_V2_PATH: "", XSUM_PATH: "", CODEXGLUE_PATH: "" };

Deno.test("tasks CLI lists every task with sizes, stats and unavailable real data", async () => {
  const r = await runCli("tasks", PERMS, ["--datasets", FIXTURES, "--json"], NO_DATA);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.match(report.tokenizer, /whitespace words|tokenizer\.json/);
  const byId = Object.fromEntries(report.tasks.map((t: { id: string }) => [t.id, t]));
  assert.equal(Object.keys(byId).length, 10);
  assert.deepEqual(byId.qa.splits, { train: 3, validation: 1, test: 2 });
  assert.equal(byId.qa.stats.outputChars.mean, 9); // "at six" (6) and "unanswerable" (12)
  assert.equal(byId.write.direction, "short_to_long");
  assert.equal(byId.squad_v2.available, false);
  assert.match(
    byId.squad_v2.reason,
    /run: deno task pull dataset rajpurkar\/squad_v2 --config squad_v2 --split validation \(or set SQUAD_V2_PATH/,
  );
});

Deno.test("tasks CLI table with a tokenizer and a real-data file", async () => {
  const r = await runCli(
    "tasks",
    PERMS,
    ["--datasets", FIXTURES, "--tokenizer", "tests/fixtures/datasets/tokenizer"],
    { ...NO_DATA, XSUM_PATH: "tests/fixtures/datasets/xsum" },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^task\s+family\s+kind\s+direction\s+train\s+validation\s+test/);
  assert.match(
    r.stdout,
    /\nxsum\s+summarization\s+asymmetric\s+long_to_short\s+-\s+-\s+2\s+test\s+\d/,
  );
  assert.match(r.stdout, /tokens: tests\/fixtures\/datasets\/tokenizer\/tokenizer\.json/);
  assert.match(
    r.stdout,
    /codexglue_translation: unavailable: .*run: deno task pull dataset google\/code_x_glue_cc_code_to_code_trans/,
  );
});

Deno.test("tasks CLI: bad flags exit 2 with one error line", async () => {
  for (const args of [["--bogus"], ["--tokenizer", "tests/fixtures/datasets/xsum"], ["extra"]]) {
    const r = await runCli("tasks", PERMS, args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, /^error: /);
    assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
  }
});
