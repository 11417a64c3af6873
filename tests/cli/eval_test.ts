/**
 * End-to-end tests of `deno task eval`: the real CLI, the real cell
 * subprocesses, the real engine, on the tiny fixture models and datasets,
 * with the task's permissions (no network; writes only to the results folder
 * and the temporary folder).
 */
import { assert, assertEquals } from "../results/_assert.ts";
import { holdLock } from "../locks/_lock_holder.ts";
import { latestByKey, readSamplesOf, readStore } from "../../src/results/mod.ts";
import type { CellRecord } from "../../src/core/record.ts";
import { denoCommand, task } from "./_run.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const FIXTURE_MODELS = `${ROOT}/tests/fixtures/models`;
const DATASETS = `${ROOT}/tests/fixtures/datasets/shipped`;
/** The per-user temp folder's name under TMPDIR (`src/scheduler/tmp_root.ts`). */
const TEMP_NAME = `encoder-bench-${Deno.uid()}`;
/** A small plan: 2 models x 2 tasks x cpu-1t x (quality + latency) = 8 cells. */
const SMALL = [
  "--models-dir",
  FIXTURE_MODELS,
  "--models",
  "t5,bart",
  "--tasks",
  "qa,summarize",
  "--datasets-dir",
  DATASETS,
  "--targets",
  "cpu-1t",
  "--limit",
  "4",
];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

interface Sandbox {
  out: string;
  tmp: string;
}

async function sandbox(): Promise<Sandbox> {
  const base = await Deno.makeTempDir({ prefix: "eval-test-" });
  await Deno.mkdir(`${base}/tmp`);
  return { out: `${base}/results`, tmp: `${base}/tmp` };
}

function evalCommand(
  args: readonly string[],
  box: Sandbox,
  env: Record<string, string> = {},
): Deno.Command {
  return denoCommand([
    "run",
    "--quiet",
    "--no-prompt",
    "--allow-read",
    `--allow-write=${box.out},${box.tmp}/${TEMP_NAME}`,
    "--allow-run=deno",
    "--allow-env",
    "--allow-ffi",
    "--allow-sys",
    `${ROOT}/src/cli/eval.ts`,
    "--out",
    box.out,
    ...args,
  ], { env: { TMPDIR: box.tmp, CI: "1", ...env } });
}

async function runEval(
  args: readonly string[],
  box: Sandbox,
  env: Record<string, string> = {},
): Promise<Result> {
  const out = await evalCommand(args, box, env).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function planKeys(box: Sandbox): Promise<string[]> {
  const r = await runEval([...SMALL, "--dry-run", "--json", "--fresh"], box);
  assertEquals(r.code, 0, r.stderr);
  const line = r.stdout.trim().split("\n").map((l) => JSON.parse(l)).find((e) =>
    e.event === "dry-run"
  );
  return (line.cells as { key: string }[]).map((c) => c.key);
}

function okCounts(cells: readonly CellRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of cells) {
    if (c.status === "ok") counts.set(c.cellKey, (counts.get(c.cellKey) ?? 0) + 1);
  }
  return counts;
}

/** Eval with `args` exits 2 with one line starting with `lead()`. */
async function refuses(box: Sandbox, args: string[], lead: () => string): Promise<void> {
  const r = await runEval(args, box);
  assertEquals(r.code, 2, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
  const lines = r.stderr.trim().split("\n");
  assertEquals(lines.length, 1, r.stderr);
  assert(lines[0]!.startsWith(lead()), r.stderr);
}

/** Neither the results folder nor anything in the sandbox's temp folder was made. */
async function assertNothingWritten(box: Sandbox): Promise<void> {
  assert(!await exists(box.out), "the results folder was created");
  assertEquals([...Deno.readDirSync(box.tmp)], []);
}

Deno.test("bad flags: one-line error, exit code 2, nothing written", async () => {
  const box = await sandbox();
  for (
    const args of [
      ["--limit", "ten"],
      ["--profile", "fast"],
      ["--frobnicate"],
      ["--timeout", "-1"],
      ["--models-dir", FIXTURE_MODELS, "--models", "no-such-model"],
      ["--models-dir", FIXTURE_MODELS, "--targets", "no-such-target"],
      ["--models-dir", FIXTURE_MODELS, "--datasets-dir", DATASETS, "--tasks", "nope"],
    ]
  ) await refuses(box, args, () => "error: ");
  await assertNothingWritten(box);
});

Deno.test("malformed model, target and task configs name the file and field; exit 2; nothing written", async () => {
  const box = await sandbox();
  const models = await Deno.makeTempDir();
  await Deno.mkdir(`${models}/broken`);
  await Deno.writeTextFile(`${models}/broken/config.json`, '{"model_type": 7}');
  let r = await runEval(["--models-dir", models, "--datasets-dir", DATASETS], box);
  assertEquals(r.code, 2, r.stderr);
  assert(r.stderr.includes("broken/config.json") && r.stderr.includes('"model_type"'), r.stderr);

  const targets = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(targets, JSON.stringify({ targets: [{ id: "x", device: "toaster" }] }));
  r = await runEval([...SMALL, "--targets-file", targets], box);
  assertEquals(r.code, 2, r.stderr);
  assert(r.stderr.includes(targets), r.stderr);
  assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);

  const tasks = await Deno.makeTempDir();
  const qa = await Deno.readTextFile(`${ROOT}/tasks/qa.ts`);
  await Deno.writeTextFile(
    `${tasks}/qa.ts`,
    qa.replaceAll('"../src/', `"${ROOT}/src/`).replace("version: 1,", 'version: "one",'),
  );
  r = await runEval([...SMALL, "--tasks-dir", tasks], box);
  assertEquals(r.code, 2, r.stderr);
  assert(r.stderr.includes(`${tasks}/qa.ts`) && r.stderr.includes("version"), r.stderr);
  assert(!await exists(box.out));
});

async function copyModel(from: string, to: string): Promise<void> {
  await Deno.mkdir(`${to}/onnx`, { recursive: true });
  for (const e of Deno.readDirSync(from)) {
    if (e.isFile) await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
  for (const e of Deno.readDirSync(`${from}/onnx`)) {
    await Deno.copyFile(`${from}/onnx/${e.name}`, `${to}/onnx/${e.name}`);
  }
}

Deno.test("failing, crashing, hanging and memory-hungry models are recorded; every other cell completes", async () => {
  const box = await sandbox();
  const models = await Deno.makeTempDir();
  // "broken" is a real model whose encoder fails inside session.run on every input
  // (tests/scheduler/fixtures/make_broken.py); the others are t5 with an injected fault.
  await copyModel(`${ROOT}/tests/scheduler/fixtures/broken_run`, `${models}/broken`);
  for (const id of ["t5", "stuck", "crashy", "hog"]) {
    await copyModel(`${FIXTURE_MODELS}/t5`, `${models}/${id}`);
    // Identical files would be one model (cells are keyed by content): make each distinct.
    await Deno.writeTextFile(`${models}/${id}/variant.txt`, id);
  }
  const r = await runEval(
    [
      "--models-dir",
      models,
      "--tasks",
      "qa",
      "--datasets-dir",
      DATASETS,
      "--targets",
      "cpu-1t",
      "--profile",
      "quality",
      "--limit",
      "4",
      "--timeout",
      "20",
      // One cell at a time: an out-of-memory death thrashes the GC for seconds on a loaded
      // machine, and a hanging cell beside it would push it past the time limit.
      "--workers",
      "1",
      "--retries",
      "1",
    ],
    box,
    { ENCODER_BENCH_FAULTS: "stuck=hang,crashy=crash,hog=oom" },
  );
  assertEquals(r.code, 1, r.stdout + r.stderr);
  const { cells, warnings } = await readStore(box.out, { strict: true });
  assertEquals(warnings, []);
  const byModel = new Map(cells.map((c) => [c.model.id, c]));
  assertEquals(byModel.get("t5")?.status, "ok");
  assert((byModel.get("t5")?.quality?.n ?? 0) > 0);
  const broken = byModel.get("broken")!;
  assertEquals([broken.status, broken.error?.reason, broken.error?.attempts], [
    "failed",
    "error",
    1,
  ]);
  assert(broken.error!.message.includes("Reshape"), broken.error!.message);
  const stuck = byModel.get("stuck")!;
  assertEquals([stuck.status, stuck.error?.reason, stuck.error?.attempts], [
    "timeout",
    "timeout",
    2,
  ]);
  const crashy = byModel.get("crashy")!;
  assertEquals([crashy.status, crashy.error?.reason, crashy.error?.attempts], [
    "failed",
    "crash",
    2,
  ]);
  assert(crashy.error!.stderrTail.includes("injected fault"), crashy.error!.stderrTail);
  const hog = byModel.get("hog")!;
  assertEquals([hog.status, hog.error?.reason], ["failed", "oom"]);
  // Only the machine-wide device locks stay (`src/scheduler/machine.ts`), no temporary folder.
  assertEquals(
    [...Deno.readDirSync(`${box.tmp}/${TEMP_NAME}`)].map((e) => e.name),
    ["locks"],
    "the temporary folder was not cleaned up",
  );
});

/** Starts eval with --json and SIGKILLs (or signals) it right after its n-th event of a kind. */
async function killAfter(
  box: Sandbox,
  event: string,
  n: number,
  signal: Deno.Signal = "SIGKILL",
): Promise<{ seen: number; pid: number }> {
  const child = evalCommand([...SMALL, "--json"], box).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = 0;
  let buf = "";
  outer: for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (JSON.parse(line).event === event && ++seen === n) {
        child.kill(signal);
        break outer;
      }
    }
  }
  await reader.cancel().catch(() => {});
  await child.stderr.cancel().catch(() => {});
  await child.status;
  return { seen, pid: child.pid };
}

Deno.test("SIGKILL right after a cell ends: every rerun resumes, no completed cell is lost or run twice", async () => {
  const box = await sandbox();
  const keys = await planKeys(box);
  assertEquals(keys.length, 8);
  let completedBefore = 0;
  for (const n of [1, 2, 1]) {
    const { seen } = await killAfter(box, "cell-end", n);
    assertEquals(seen, n);
    const store = await readStore(box.out, { onWarning: () => {} });
    assert(
      store.warnings.every((w) => w.includes("torn last line")),
      `unexpected warnings: ${store.warnings.join("; ")}`,
    );
    const counts = okCounts(store.cells);
    for (const [key, c] of counts) assertEquals(c, 1, `cell ${key} completed ${c} times`);
    // The cells whose end was reported are in the store (a side-by-side worker may have
    // finished one more): nothing completed is lost.
    assert(counts.size >= completedBefore + n, `${counts.size} < ${completedBefore} + ${n}`);
    completedBefore = counts.size;
  }
  const final = await runEval(SMALL, box);
  assertEquals(final.code, 0, final.stdout + final.stderr);
  const store = await readStore(box.out, { onWarning: () => {} });
  const counts = okCounts(store.cells);
  assertEquals([...counts.keys()].sort(), [...keys].sort());
  for (const [key, n] of counts) assertEquals(n, 1, `cell ${key} completed ${n} times`);
  // Every cell ran exactly once over all the runs: no record but the ok ones.
  assertEquals(store.cells.length, keys.length);
  // A rerun of a finished store runs nothing.
  const again = await runEval([...SMALL, "--json"], box);
  assertEquals(again.code, 0);
  const plan = again.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l)).find((e) =>
    e.event === "plan"
  );
  assertEquals([plan.cells, plan.skipped], [0, 8]);
});

Deno.test("two evals on one store at once: every cell runs once, nothing lost, every file parses", async () => {
  const box = await sandbox();
  const keys = await planKeys(box);
  const [a, b] = await Promise.all([runEval(SMALL, box), runEval(SMALL, box)]);
  assertEquals([a.code, b.code], [0, 0], a.stderr + b.stderr);
  const store = await readStore(box.out, { strict: true });
  assertEquals(store.warnings, []);
  // One record per cell over both runs: no cell ran twice.
  assertEquals(store.cells.map((c) => c.cellKey).sort(), [...keys].sort());
  assert(store.cells.every((c) => c.status === "ok"));
  assertEquals(latestByKey(store.cells).map((c) => c.cellKey).sort(), [...keys].sort());
  // Latency records say what load they ran under.
  for (const c of store.cells.filter((c) => c.settings.profile === "latency")) {
    const load = c.efficiency?.load;
    assert(load !== undefined, "a latency record without its load");
    assertEquals(c.efficiency?.forComparison, !load.contended);
  }
  assert(
    store.cells.filter((c) => c.settings.profile === "quality").every((c) =>
      c.efficiency?.forComparison === false
    ),
  );
  assertEquals([...Deno.readDirSync(`${box.out}/.claims`)].map((e) => e.name), [".lock"]);
});

Deno.test("SIGTERM and SIGINT clean the temporary folder and the claims; a SIGKILLed eval's folder goes at the next start", async () => {
  const box = await sandbox();
  const leftovers = (): string[] =>
    [...Deno.readDirSync(`${box.tmp}/${TEMP_NAME}`)].map((e) => e.name).filter((n) =>
      n !== "locks"
    );
  const claims = (): string[] => {
    try {
      return [...Deno.readDirSync(`${box.out}/.claims`)].map((e) => e.name).filter((n) =>
        n !== ".lock"
      );
    } catch {
      return [];
    }
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    await killAfter(box, "cell-start", 1, signal);
    assertEquals(leftovers(), [], `${signal} left a temporary folder`);
    assertEquals(claims(), [], `${signal} left a claim`);
  }
  const { pid } = await killAfter(box, "cell-start", 1, "SIGKILL");
  const left = leftovers();
  assertEquals(left.length, 1);
  assert(left[0]!.startsWith(`eval-${pid}-`), left[0]);
  const r = await runEval(SMALL, box);
  assertEquals(r.code, 0, r.stderr);
  assert(r.stdout.includes(`removed ${box.tmp}/${TEMP_NAME}/${left[0]}`), r.stdout);
  assertEquals(leftovers(), []);
});

Deno.test("--dry-run prints the plan and an estimate and writes nothing", async () => {
  const box = await sandbox();
  const r = await runEval([...SMALL, "--dry-run"], box);
  assertEquals(r.code, 0, r.stderr);
  assert(/8 of 8 cells to run, estimated \d/.test(r.stdout), r.stdout);
  assert(r.stdout.includes("t5 / qa / cpu-1t [quality]"), r.stdout);
  assert(!await exists(box.out));
});

Deno.test("--dtype picks each model's variant; its key and record say which; folders without it are skipped", async () => {
  const box = await sandbox();
  const base = [
    "--models-dir",
    FIXTURE_MODELS,
    "--tasks",
    "qa",
    "--datasets-dir",
    DATASETS,
    "--targets",
    "cpu-1t",
    "--profile",
    "quality",
    "--limit",
    "2",
    "--no-references",
  ];
  const keys = async (extra: string[]): Promise<{ keys: string[]; notes: string[] }> => {
    const r = await runEval([...base, ...extra, "--dry-run", "--json", "--fresh"], box);
    assertEquals(r.code, 0, r.stderr);
    const events = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const plan = events.find((e) => e.event === "dry-run");
    return {
      keys: (plan.cells as { key: string }[]).map((c) => c.key),
      notes: events.filter((e) => e.event === "note").map((e) => e.message as string),
    };
  };
  const fp32 = await keys(["--models", "phi3"]);
  assertEquals(fp32.keys, (await keys(["--models", "phi3", "--dtype", "fp32"])).keys);
  const q4 = await keys(["--models", "phi3", "--dtype", "q4"]);
  assertEquals(q4.keys.length, 1);
  assert(q4.keys[0] !== fp32.keys[0], "a variant is its own cell");
  assert(q4.notes.some((n) => n.includes("gpt2: no q4 files: skipped")), q4.notes.join("\n"));
  const r = await runEval([...base, "--models", "phi3", "--dtype", "q4"], box);
  assertEquals(r.code, 0, r.stderr);
  const { cells } = await readStore(box.out, { strict: true });
  assertEquals(cells.map((c) => [c.status, c.cellKey, c.model.dtype]), [["ok", q4.keys[0], "q4"]]);
  const bad = await runEval([...base, "--models", "phi3", "--dtype", "q3"], box);
  assertEquals(bad.code, 2);
  assert(/^error: .*--dtype.*q3/.test(bad.stderr.trim()), bad.stderr);
});

Deno.test("a chat template wraps an instruction model's prompts; its hash is in the key; samples keep the prompt", async () => {
  const box = await sandbox();
  const models = await Deno.makeTempDir();
  await copyModel(`${FIXTURE_MODELS}/gpt2`, `${models}/chatty`);
  const cfgFile = `${models}/chatty/tokenizer_config.json`;
  const cfg = JSON.parse(await Deno.readTextFile(cfgFile));
  const args = [
    "--models-dir",
    models,
    "--tasks",
    "qa",
    "--datasets-dir",
    DATASETS,
    "--targets",
    "cpu-1t",
    "--profile",
    "quality",
    "--limit",
    "2",
    "--no-references",
  ];
  const keyWith = async (template?: string): Promise<string> => {
    const t = template === undefined ? {} : { chat_template: template };
    await Deno.writeTextFile(cfgFile, JSON.stringify({ ...cfg, ...t }));
    const r = await runEval([...args, "--dry-run", "--json", "--fresh"], box);
    assertEquals(r.code, 0, r.stderr);
    const plan = r.stdout.trim().split("\n").map((l) => JSON.parse(l)).find((e) =>
      e.event === "dry-run"
    );
    return plan.cells[0].key;
  };
  const template = "{% for m in messages %}<u>{{ m['content'] }}</u>{% endfor %}" +
    "{% if add_generation_prompt %}<a>{% endif %}";
  const keys = [await keyWith(), await keyWith(template), await keyWith(`${template} `)];
  assertEquals(new Set(keys).size, 3, "the template's text is part of the key");
  await keyWith(template);
  const r = await runEval(args, box);
  assertEquals(r.code, 0, r.stderr);
  const { cells } = await readStore(box.out, { strict: true });
  assertEquals(cells.map((c) => [c.status, c.cellKey]), [["ok", keys[1]]]);
  const samples = (await readSamplesOf(box.out, cells)).get(keys[1]!)!;
  assertEquals(samples.length, 2);
  for (const s of samples) {
    // the task's prompt (question, context, cue) as the user turn, then the assistant's opening
    assert(/^<u>question: [^]*\nanswer:<\/u><a>$/.test(s.input), s.input);
  }
});

Deno.test("--profile sweep: a point per fitting length and cache mode, timed; none beyond the model's positions", async () => {
  const box = await sandbox();
  const r = await runEval([
    "--models-dir",
    FIXTURE_MODELS,
    "--models",
    "t5,llama",
    "--targets",
    "cpu-1t",
    "--profile",
    "sweep",
  ], box);
  assertEquals(r.code, 0, r.stderr);
  const { cells } = await readStore(box.out, { strict: true });
  assertEquals(cells.length, 2);
  const byModel = new Map(cells.map((c) => [c.model.id, c]));
  for (const c of cells) {
    assertEquals(c.status, "ok", c.error?.message);
    assertEquals(c.settings.profile, "sweep");
    assertEquals(c.task, null);
  }
  // t5 (relative positions) takes the 64-token input with and without the cache
  const t5 = byModel.get("t5")!.sweep!;
  assertEquals(
    t5.map((p) => `${p.inputTokens}+${p.outputTokens}:${p.kvCache}`),
    ["64+32:true", "64+32:false"],
  );
  for (const p of t5) {
    assert(p.ttftMs.p50 > 0 && p.ttftMs.n >= 3, JSON.stringify(p));
    assert(p.totalMs.p50 >= p.ttftMs.p50, JSON.stringify(p));
    assert(p.tpotMs !== null && p.tpotMs.p50 > 0, JSON.stringify(p));
  }
  // the llama fixture has 64 positions: 64 input + 32 output tokens never fit
  assertEquals(byModel.get("llama")!.sweep, []);
});

Deno.test("eval runs the reference systems as quality-only cells, stored like any cell", async () => {
  const box = await sandbox();
  const r = await runEval([
    "--models-dir",
    FIXTURE_MODELS,
    "--models",
    "ref-*",
    "--tasks",
    "qa,summarize",
    "--datasets-dir",
    DATASETS,
    "--targets",
    "cpu-1t",
    "--limit",
    "4",
  ], box);
  assertEquals(r.code, 0, r.stdout + r.stderr);
  const { cells, warnings } = await readStore(box.out, { strict: true });
  assertEquals(warnings, []);
  assertEquals(cells.map((c) => `${c.model.id}/${c.task?.id}/${c.settings.profile}`).sort(), [
    "ref-copy/qa/quality",
    "ref-copy/summarize/quality",
    "ref-lead/summarize/quality",
    "ref-unanswerable/qa/quality",
  ]);
  assert(cells.every((c) => c.status === "ok" && c.model.role === "reference"));
  const samples = await readSamplesOf(box.out, cells);
  assert(
    cells.every((c) =>
      (c.quality?.n ?? 0) > 0 && c.quality?.n === samples.get(c.cellKey)?.length &&
      c.efficiency === null
    ),
  );
  const none = cells.find((c) => c.model.id === "ref-unanswerable")!;
  assert(samples.get(none.cellKey)!.every((s) => s.prediction === ""));
  // Rerunning finds them done: references resume like models.
  const again = await runEval([
    "--models-dir",
    FIXTURE_MODELS,
    "--models",
    "ref-*",
    "--tasks",
    "qa,summarize",
    "--datasets-dir",
    DATASETS,
    "--targets",
    "cpu-1t",
    "--limit",
    "4",
  ], box);
  assertEquals(again.code, 0, again.stderr);
  assertEquals((await readStore(box.out)).cells.length, 4);
});

/** One cell: t5 x qa on cpu-1t, quality only. */
const ONE_CELL = [
  "--models-dir",
  FIXTURE_MODELS,
  "--models",
  "t5",
  "--tasks",
  "qa",
  "--datasets-dir",
  DATASETS,
  "--targets",
  "cpu-1t",
  "--limit",
  "2",
  "--profile",
  "quality",
];

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    out.push(`${dir}/${e.name}`);
    if (e.isDirectory) out.push(...await filesUnder(`${dir}/${e.name}`));
  }
  return out;
}

Deno.test("--timeout and --lock-timeout past the timer limit: one line, exit 2, nothing written", async () => {
  const box = await sandbox();
  for (
    const args of [
      ["--timeout", "2200000"],
      ["--timeout", "1e308"],
      ["--lock-timeout", "2200000"],
      ["--lock-timeout", "0"],
    ]
  ) await refuses(box, [...ONE_CELL, ...args], () => `error: option '${args[0]} <s>'`);
  await assertNothingWritten(box);
});

Deno.test("--datasets-dir naming a file: one line saying so, exit 2, nothing written", async () => {
  const box = await sandbox();
  const file = `${box.tmp}/datasets.txt`;
  await Deno.writeTextFile(file, "not a folder");
  const r = await runEval([...ONE_CELL, "--datasets-dir", file], box);
  assertEquals(r.code, 2, r.stderr);
  assertEquals(r.stderr.trim(), `error: --datasets-dir ${file}: a file where a folder is expected`);
  assert(!await exists(box.out));
  assertEquals([...Deno.readDirSync(box.tmp)].map((e) => e.name), ["datasets.txt"]);
});

/** Expects eval to refuse the temp folder in one line naming `why`, before writing anything. */
async function expectTempRefused(box: Sandbox, why: string): Promise<void> {
  const r = await runEval(ONE_CELL, box);
  assertEquals(r.code, 2, r.stdout + r.stderr);
  const lines = r.stderr.trim().split("\n");
  assertEquals(lines.length, 1, r.stderr);
  assert(lines[0]!.startsWith(`error: ${box.tmp}/${TEMP_NAME}: the temp folder ${why}`), r.stderr);
  assert(!await exists(box.out), "the results folder was created before the refusal");
}

Deno.test("a symlinked or group-open temp folder is refused before anything is written", async () => {
  const box = await sandbox();
  const elsewhere = await Deno.makeTempDir();
  await Deno.chmod(elsewhere, 0o700);
  await Deno.symlink(elsewhere, `${box.tmp}/${TEMP_NAME}`);
  await expectTempRefused(box, "is a symbolic link");
  assertEquals([...Deno.readDirSync(elsewhere)], [], "eval wrote through the link");
  await Deno.remove(`${box.tmp}/${TEMP_NAME}`);
  await Deno.mkdir(`${box.tmp}/${TEMP_NAME}`);
  await Deno.chmod(`${box.tmp}/${TEMP_NAME}`, 0o755);
  await expectTempRefused(box, "is open to group or others (mode 755)");
  assertEquals([...Deno.readDirSync(`${box.tmp}/${TEMP_NAME}`)], []);
  await Deno.remove(elsewhere);
});

Deno.test({
  name: "a temp folder owned by another user is refused before anything is written",
  // Giving a folder to another user (nobody, uid 65534) takes root.
  ignore: Deno.uid() !== 0,
  fn: async () => {
    const box = await sandbox();
    await Deno.mkdir(`${box.tmp}/${TEMP_NAME}`, { mode: 0o700 });
    await Deno.chown(`${box.tmp}/${TEMP_NAME}`, 65534, 65534);
    await expectTempRefused(box, "is owned by uid 65534, not by you");
  },
});

Deno.test("deno task eval honours TMPDIR: its temp folder and device locks go there, --out anywhere", async () => {
  const box = await sandbox();
  const shared = `/tmp/${TEMP_NAME}`;
  const sharedBefore = await exists(shared);
  const out = await task("eval", [...ONE_CELL, "--out", box.out], {
    env: { TMPDIR: box.tmp, CI: "1" },
  });
  // The task may write only --out and $TMPDIR/encoder-bench-<uid>: a write elsewhere fails.
  assertEquals(out.code, 0, out.stdout + out.stderr);
  assertEquals((await readStore(box.out, { strict: true })).cells.map((c) => c.status), ["ok"]);
  const temp = `${box.tmp}/${TEMP_NAME}`;
  assertEquals((await Deno.lstat(temp)).mode! & 0o777, 0o700);
  const files = (await filesUnder(box.tmp)).map((f) => f.slice(box.tmp.length + 1));
  assertEquals(files.sort(), [
    TEMP_NAME,
    `${TEMP_NAME}/locks`,
    `${TEMP_NAME}/locks/device-cpu.lock`,
  ]);
  if (!sharedBefore) assert(!await exists(shared), `${shared} was made with TMPDIR set`);
});

Deno.test("a device lock another process holds: eval names it, gives up after --lock-timeout with exit 1, records nothing", async () => {
  const box = await sandbox();
  const temp = `${box.tmp}/${TEMP_NAME}`;
  await Deno.mkdir(temp, { mode: 0o700 });
  await Deno.chmod(temp, 0o700);
  const lock = await holdLock(`${temp}/locks/device-cpu.lock`, true);
  const holder = lock.child;
  try {
    // The old eval waited for ever: a limit of its own keeps this test from hanging.
    const child = evalCommand([...ONE_CELL, "--profile", "latency", "--lock-timeout", "5"], box)
      .spawn();
    const limit = setTimeout(() => child.kill("SIGKILL"), 120_000);
    const out = await child.output();
    clearTimeout(limit);
    const dec = new TextDecoder();
    const stderr = dec.decode(out.stderr);
    assertEquals(out.code, 1, dec.decode(out.stdout) + stderr);
    const lines = stderr.trim().split("\n");
    const errors = lines.filter((l) => l.startsWith("error:"));
    assertEquals(errors.length, 1, stderr);
    assert(errors[0]!.includes("gave up waiting") && errors[0]!.includes("device cpu"), stderr);
    assert(errors[0]!.includes(`pid ${holder.pid} on host ${Deno.hostname()}`), stderr);
    // While waiting, a line named the holder.
    assert(
      lines.some((l) =>
        l.startsWith("warning: waiting for the exclusive lock of device cpu") &&
        l.includes(`pid ${holder.pid}`)
      ),
      stderr,
    );
    // Nothing recorded, no claim left, no temporary folder left.
    assertEquals((await readStore(box.out, { strict: true })).cells, []);
    assertEquals([...Deno.readDirSync(`${box.out}/.claims`)].map((e) => e.name), [".lock"]);
    assertEquals([...Deno.readDirSync(temp)].map((e) => e.name), ["locks"]);
  } finally {
    await lock.release();
  }
});

Deno.test("deno task eval grants write access to --out and the temp folder only, at launch", () => {
  const config = JSON.parse(Deno.readTextFileSync(`${ROOT}/deno.json`)) as {
    tasks: Record<string, string>;
  };
  const line = config.tasks.eval ?? "";
  const [launcher, real] = line.split(" src/cli/launch.ts ");
  // The launcher reads TMPDIR and the uid and runs deno; it writes nothing.
  assert(launcher !== undefined && !launcher.includes("--allow-write"), line);
  assertEquals(/--allow-write=(\S+)/.exec(real ?? "")?.[1]?.split(","), ["@out", "@temp"]);
  assert(real?.endsWith("src/cli/eval.ts"), line);
});
