/**
 * `deno task compare` as a CLI: `--confirm` reruns a suspicious timed cell with
 * the real `deno task eval` (a fixture model) and judges again; bad input is a
 * one-line error with exit 2.
 */
import { assert, assertEquals } from "../results/_assert.ts";
import type { CellRecord, Stat } from "../../src/core/record.ts";
import { readStore, RunWriter } from "../../src/results/mod.ts";
import { ROOT, runCli, task } from "./_run.ts";
import { writeStore } from "./_store.ts";

const PERMS = ["--allow-read", "--allow-run=deno"];

function scaled(s: Stat, k: number): Stat {
  return {
    ...s,
    mean: s.mean * k,
    p50: s.p50 * k,
    p90: s.p90 * k,
    p99: s.p99 * k,
    stdev: s.stdev * k,
    min: s.min * k,
    max: s.max * k,
  };
}

Deno.test("deno task compare --confirm reruns a suspicious cell and judges the rerun", async () => {
  // Inside the results folder, so the test leaves nothing elsewhere in the repository.
  const tmp = await Deno.makeTempDir({
    dir: `${ROOT}/leaderboard/results`,
    prefix: ".confirm-test-",
  });
  try {
    const base = `${tmp}/base`, cont = `${tmp}/cont`;
    const evalArgs = [
      "--models-dir",
      `${ROOT}/tests/fixtures/models`,
      "--datasets-dir",
      `${ROOT}/tests/fixtures/datasets/shipped`,
    ];
    const ev = await task("eval", [
      ...evalArgs,
      "--models",
      "t5",
      "--tasks",
      "qa",
      "--targets",
      "cpu-1t",
      "--profile",
      "latency",
      "--out",
      base,
    ]);
    assertEquals(ev.code, 0, ev.stderr);
    const [record] = (await readStore(base, { strict: true })).cells as [CellRecord];
    // A contender run fifty times slower than the baseline, finished just after it (so
    // before any rerun): one violation, suspicious.
    const later = new Date(Date.parse(record.finishedAt) + 1).toISOString();
    const runId = "20991231T000000Z-slow-000001";
    await Deno.mkdir(cont);
    await new RunWriter(cont, runId).writeCell({
      ...record,
      runId,
      startedAt: later,
      finishedAt: later,
      efficiency: { ...record.efficiency!, ttftMs: scaled(record.efficiency!.ttftMs, 50) },
    });
    // Wide limits: the fixture's sub-millisecond timings on a shared machine are noisy.
    const thresholds = `${tmp}/thresholds.json`;
    await Deno.writeTextFile(
      thresholds,
      JSON.stringify({
        ttftRatioMax: 10,
        tpotRatioMax: 100,
        throughputRatioMin: 0,
        peakMemoryRatioMax: 100,
      }),
    );
    const args = ["--baseline", base, "--contender", cont, "--thresholds", thresholds];
    const once = await runCli("compare", PERMS, [...args, "--format", "json"]);
    assertEquals(once.code, 0, once.stderr);
    const r1 = JSON.parse(once.stdout);
    assertEquals(r1.suspicious, 1);
    assertEquals(r1.findings[0].cellKey, record.cellKey);
    const confirmed = await runCli("compare", PERMS, [
      ...args,
      "--format",
      "json",
      "--confirm",
      ...evalArgs,
    ]);
    assertEquals(confirmed.code, 0, confirmed.stderr);
    const r2 = JSON.parse(confirmed.stdout);
    assertEquals(
      [r2.suspicious, r2.regressions, r2.notComparable.length],
      [0, 0, 0],
      confirmed.stdout,
    );
    const speed = r2.findings.find((f: { kind: string }) => f.kind === "speed");
    assertEquals([speed.cellKey, speed.verdict], [record.cellKey, "unchanged"]);
    assertEquals((await readStore(cont, { strict: true })).runs.length, 2);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("deno task compare: bad input is one line naming flag or file, field and value; exit 2", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-compare-bad-" });
  try {
    const bad = `${tmp}/t.json`;
    await Deno.writeTextFile(bad, JSON.stringify({ ttftRatioMax: 0.5 }));
    const cases: [string[], RegExp][] = [
      [
        ["--baseline", `${tmp}/nope`, "--contender", tmp],
        /field "--baseline" = ".*nope": not a results folder/,
      ],
      [
        ["--baseline", tmp, "--contender", tmp, "--thresholds", bad],
        /t\.json: field "ttftRatioMax" = 0\.5/,
      ],
      [["--baseline", tmp, "--contender", tmp, "--format", "xml"], /xml/],
      [["--baseline", tmp], /--contender/],
    ];
    for (const [args, re] of cases) {
      const r = await runCli("compare", PERMS, args);
      assertEquals(r.code, 2, r.stderr);
      assertEquals(r.stdout, "");
      assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert(re.test(r.stderr), r.stderr);
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("deno task compare: a skipped store line is a `warning:` line naming it", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-compare-warn-" });
  try {
    const run = "20261128T120000Z-host-aaaaaa";
    await writeStore(tmp, run);
    await Deno.writeTextFile(`${tmp}/${run}.jsonl`, "{not json\n", { append: true });
    const r = await runCli("compare", PERMS, ["--baseline", tmp, "--contender", tmp]);
    assertEquals(r.code, 0, r.stderr);
    const lines = r.stderr.trim().split("\n");
    assertEquals(lines.length, 2, r.stderr); // once per store read
    for (const l of lines) assert(l.startsWith(`warning: ${tmp}/${run}.jsonl:10:`), l);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("deno task compare --require-ok: a contender that measured nothing fails the gate", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-compare-ok-" });
  try {
    const base = `${tmp}/base`, empty = `${tmp}/empty`, failed = `${tmp}/failed`;
    await Deno.mkdir(empty);
    const records = await writeStore(base);
    // Every cell of the contender failed: still no ok cell.
    const writer = new RunWriter(failed, "20261129T120000Z-host-bbbbbb");
    for (const r of records.slice(0, 2)) {
      await writer.writeCell({
        ...r,
        runId: "20261129T120000Z-host-bbbbbb",
        status: "failed",
        quality: null,
        efficiency: null,
        sweep: null,
        error: {
          reason: "error",
          message: "cuda: failed to load the provider library",
          stderrTail: "",
          attempts: 1,
        },
      });
    }
    for (const contender of [empty, failed]) {
      const plain = await runCli("compare", PERMS, ["--baseline", base, "--contender", contender]);
      assertEquals(plain.code, contender === empty ? 0 : 1, plain.stdout);
      const r = await runCli("compare", PERMS, [
        "--baseline",
        base,
        "--contender",
        contender,
        "--require-ok",
      ]);
      assertEquals(r.code, 1, r.stdout + r.stderr);
      assert(r.stdout.includes("no ok cell"), r.stdout);
    }
    const fine = await runCli("compare", PERMS, [
      "--baseline",
      base,
      "--contender",
      base,
      "--require-ok",
    ]);
    assertEquals(fine.code, 0, fine.stdout);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
