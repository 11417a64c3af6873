import assert from "node:assert/strict";
import { type CliResult as Run, runCli } from "./_run.ts";

function score(args: string[]): Promise<Run> {
  return runCli("score", ["--allow-read"], args);
}

async function withFiles(
  files: Record<string, string>,
  fn: (path: (name: string) => string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "score_test_" });
  try {
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    await fn((name) => `${dir}/${name}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function assertOneLineError(run: Run, pattern: RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stdout, "");
  const lines = run.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0]!, /^error: /);
  assert.match(lines[0]!, pattern);
}

// sacreBLEU README.md example: BLEU = 48.53, chrF2 = 59.73 with two reference sets.
const README = {
  "hyp.txt": "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.\n",
  "ref1.txt": "The dog bit the man.\nIt was not unexpected.\nThe man bit him first.\n",
  "ref2.txt": "The dog had bit the man.\nNo one was surprised.\nThe man had bitten the dog.\n",
};

Deno.test("score prints BLEU JSON with sub-scores, CIs, signature and n", async () => {
  await withFiles(README, async (p) => {
    const run = await score([
      "--metric",
      "bleu",
      "--predictions",
      p("hyp.txt"),
      "--references",
      p("ref1.txt"),
      "--references",
      p("ref2.txt"),
      "--resamples",
      "200",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.metric, "bleu");
    assert.equal(out.score.toFixed(2), "48.53");
    assert.equal(out.n, 3);
    assert.equal(out.signature, "nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.5.1");
    assert.equal(out.scores.hyp_len, 17);
    assert.deepEqual(out.bootstrap, { resamples: 200, seed: 12345 });
    for (const v of Object.values(out.ci) as { value: number; ciLow: number; ciHigh: number }[]) {
      assert.ok(v.ciLow <= v.value && v.value <= v.ciHigh);
    }
  });
});

Deno.test("score computes chrF and chrF++ on the README example", async () => {
  await withFiles(README, async (p) => {
    const base = [
      "--predictions",
      p("hyp.txt"),
      "--references",
      p("ref1.txt"),
      "--references",
      p("ref2.txt"),
    ];
    const chrf = JSON.parse(
      (await score(["--metric", "chrf", ...base, "--resamples", "0"])).stdout,
    );
    assert.equal(chrf.score.toFixed(2), "59.73");
    assert.equal(chrf.ci.score.ciLow, chrf.score);
    const pp = JSON.parse(
      (await score(["--metric", "chrf++", ...base, "--resamples", "0"])).stdout,
    );
    assert.match(pp.signature, /nw:2/);
  });
});

Deno.test("score reads .jsonl items with newlines and several references", async () => {
  const preds = [{ prediction: "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5" }, { prediction: "testing" }];
  const refs = [{ references: ["w1 w2 w3 w4 w5"] }, {
    references: ["nothing here", "testing one two"],
  }];
  await withFiles({
    "p.jsonl": preds.map((x) => JSON.stringify(x)).join("\n") + "\n",
    "r.jsonl": refs.map((x) => JSON.stringify(x)).join("\n"),
  }, async (p) => {
    const run = await score([
      "--metric",
      "rouge",
      "--predictions",
      p("p.jsonl"),
      "--references",
      p("r.jsonl"),
    ]);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.scale, 1);
    assert.equal(out.primary, "rougeL");
    // rougeLsum: 0.5333 (rouge_scorer_test testRougeLsum) and 0.5 (testRouge1-like) averaged
    assert.ok(Math.abs(out.scores.rougeLsum - (2 * 0.4 * 0.8 / 1.2 + 0.5) / 2) < 1e-9);
    assert.equal(out.signature.split("|")[0], "nrefs:var");
  });
});

Deno.test("score applies --squad-version", async () => {
  await withFiles({ "p.txt": "\nParis\n", "r.txt": "\nparis.\n" }, async (p) => {
    const args = [
      "--metric",
      "squad",
      "--predictions",
      p("p.txt"),
      "--references",
      p("r.txt"),
      "--resamples",
      "0",
    ];
    const v2 = JSON.parse((await score(args)).stdout);
    assert.deepEqual([v2.scores.exact, v2.scores.f1], [100, 100]);
    const v1 = JSON.parse((await score([...args, "--squad-version", "1"])).stdout);
    assert.deepEqual([v1.scores.exact, v1.scores.f1], [100, 50]);
    assert.match(v1.signature, /squad:v1\.1/);
  });
});

Deno.test("score fails with one line and exit 2 on mismatched line counts", async () => {
  await withFiles({ "p.txt": "a\nb\nc\n", "r.txt": "a\nb\n" }, async (p) => {
    const run = await score([
      "--metric",
      "exact_match",
      "--predictions",
      p("p.txt"),
      "--references",
      p("r.txt"),
    ]);
    assertOneLineError(run, /r\.txt: has 2 items but .*p\.txt has 3/);
  });
});

Deno.test("score fails with one line on unknown metrics, bad flags and missing files", async () => {
  await withFiles({ "p.txt": "a\n", "r.txt": "a\n" }, async (p) => {
    const ok = ["--predictions", p("p.txt"), "--references", p("r.txt")];
    assertOneLineError(await score(["--metric", "meteor", ...ok]), /"meteor": unknown metric/);
    assertOneLineError(
      await score(["--metric", "bleu", "--predictions", p("p.txt")]),
      /--references/,
    );
    assertOneLineError(await score(["--metric", "bleu", ...ok, "--resamples", "x"]), /--resamples/);
    assertOneLineError(
      await score(["--metric", "squad", ...ok, "--squad-version", "3"]),
      /squad-version/,
    );
    assertOneLineError(await score(["--metric", "bleu", ...ok, "--bogus"]), /bogus/);
    assertOneLineError(
      await score([
        "--metric",
        "bleu",
        "--predictions",
        p("missing.txt"),
        "--references",
        p("r.txt"),
      ]),
      /missing\.txt: cannot read file/,
    );
    assertOneLineError(
      await score(["--metric", "bleu", "--predictions", p("p.csv"), "--references", p("r.txt")]),
      /p\.csv: unsupported file type/,
    );
  });
});

Deno.test("score names file and line of malformed .jsonl", async () => {
  await withFiles({
    "p.jsonl": '{"prediction": "a"}\n{"prediction": \n',
    "q.jsonl": '{"prediction": "a"}\n{"text": "b"}\n',
    "r.jsonl": '{"references": ["a"]}\n{"references": "b"}\n',
    "p.txt": "a\nb\n",
    "bad.txt": "",
  }, async (p) => {
    assertOneLineError(
      await score(["--metric", "bleu", "--predictions", p("p.jsonl"), "--references", p("p.txt")]),
      /p\.jsonl:2: malformed JSON/,
    );
    assertOneLineError(
      await score(["--metric", "bleu", "--predictions", p("q.jsonl"), "--references", p("p.txt")]),
      /q\.jsonl:2: field "prediction"/,
    );
    assertOneLineError(
      await score(["--metric", "bleu", "--predictions", p("p.txt"), "--references", p("r.jsonl")]),
      /r\.jsonl:2: field "references"/,
    );
    assertOneLineError(
      await score(["--metric", "bleu", "--predictions", p("bad.txt"), "--references", p("p.txt")]),
      /bad\.txt: no predictions/,
    );
  });
  await withFiles({}, async (p) => {
    await Deno.writeFile(p("latin1.txt"), new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    await Deno.writeTextFile(p("r.txt"), "x\n");
    assertOneLineError(
      await score([
        "--metric",
        "bleu",
        "--predictions",
        p("latin1.txt"),
        "--references",
        p("r.txt"),
      ]),
      /latin1\.txt: file is not valid UTF-8/,
    );
  });
});
