import assert from "node:assert/strict";
import { runCli } from "./_run.ts";

// The task's write grant (`.tmp`), with reads narrowed to the repository to test refusals.
const PERMS = ["--allow-read=.", "--allow-write=.tmp", "--allow-env"];
const FIXTURES = "tests/fixtures/datasets/shipped";

Deno.test("pairs CLI writes <split>.jsonl for the shipped tasks", async () => {
  const out = `.tmp/pairs_cli_${crypto.randomUUID().slice(0, 8)}`;
  try {
    const r = await runCli("pairs", PERMS, [
      "--out",
      out,
      "--datasets",
      FIXTURES,
      "--splits",
      "test",
    ], {
      SQUAD_V2_PATH: "",
      XSUM_PATH: "",
      CODEXGLUE_PATH: "",
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /test\.jsonl: 6 pairs \(code_translate=1 qa=2 summarize=1 translate=1 write=1\)/,
    );
    assert.match(r.stderr, /skipped squad_v2: SQUAD_V2_PATH not set/);
    const lines = (await Deno.readTextFile(`${out}/test.jsonl`)).trimEnd().split("\n");
    assert.equal(lines.length, 6);
    assert.equal(JSON.parse(lines[0] as string).task, "code_translate");
  } finally {
    await Deno.remove(out, { recursive: true }).catch(() => {});
  }
});

Deno.test("pairs CLI: bad flags and bad input exit 2 with one error line", async () => {
  const cases: [string[], RegExp][] = [
    [["--bogus"], /^error: unknown option '--bogus'\n$/],
    [[], /^error: --out <dir> is required\n$/],
    [
      ["--out", ".tmp/x", "--splits", "train,dev"],
      /^error: option '--splits <names>' argument 'train,dev' is invalid\. unknown split "dev"/,
    ],
    [
      ["--out", ".tmp/x", "--limit", "0"],
      /^error: option '--limit <n>' argument '0' is invalid\. must be an integer >= 1/,
    ],
    [
      ["--out", ".tmp/x", "--tasks", "nope"],
      /^error: tasks: field "task" = "nope": unknown task; known: /,
    ],
    [
      ["--out", ".tmp/x", "--tasks", "qa", "--datasets", "no_such_datasets"],
      /^error: --datasets: no_such_datasets\/qa\/manifest\.json: shipped dataset not found/,
    ],
    [
      ["--out", "pairs-out", "--tasks", "qa"],
      /^error: --out pairs-out: this command may not write there \(`deno task` grants write access to \.tmp only\)/,
    ],
    [
      ["--out", ".tmp/x", "--tasks", "qa", "--datasets", "/nonexistent"],
      /^error: --datasets \/nonexistent: this command may not read there/,
    ],
  ];
  for (const [args, pattern] of cases) {
    const r = await runCli("pairs", PERMS, args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
  }
});
