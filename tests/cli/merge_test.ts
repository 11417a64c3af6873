import { assert, assertEquals } from "../results/_assert.ts";
import { readSamplesOf, readStore, RunWriter, sha256Text } from "../../src/results/mod.ts";
import { lockStore } from "../../src/results/store_lock.ts";
import { makeCell, makeSample } from "../results/_fixtures.ts";
import { denoCommand, runCli } from "./_run.ts";
import { writeStore } from "./_store.ts";

Deno.test("deno task merge merges machines' folders, keeps history, and is idempotent", async () => {
  const a = await Deno.makeTempDir();
  const b = await Deno.makeTempDir();
  const dest = await Deno.makeTempDir();
  await writeStore(a, "20261128T100000Z-a-000001");
  await writeStore(b, "20261128T110000Z-b-000002");
  const perms = ["--allow-read", `--allow-write=${dest}`];
  const r1 = await runCli("merge", perms, [a, b, "--out", dest, "--json"]);
  assertEquals(r1.code, 0, r1.stderr);
  assertEquals(JSON.parse(r1.stdout).added, 18);
  const r2 = await runCli("merge", perms, [a, b, "--out", dest, "--json"]);
  assertEquals(JSON.parse(r2.stdout).added, 0);
  assertEquals(JSON.parse(r2.stdout).duplicates, 18);
  const store = await readStore(dest, { strict: true });
  assertEquals(store.cells.length, 18);
  assertEquals(store.runs.length, 2);
});

Deno.test("deno task merge: a missing folder is a one-line error with exit code 2", async () => {
  const dest = await Deno.makeTempDir();
  const r = await runCli("merge", ["--allow-read", `--allow-write=${dest}`], [
    `${dest}/nope`,
    "--out",
    dest,
  ]);
  assertEquals(r.code, 2);
  assertEquals(r.stderr.trim().split("\n").length, 1);
  assert(r.stderr.includes("nope"), r.stderr);
  const noArgs = await runCli("merge", ["--allow-read"], []);
  assertEquals(noArgs.code, 2);
});

const RUN = "20261128T100000Z-a-000001";

/** A merge running as its own process, whose stderr can be watched while it runs. */
interface RunningMerge {
  /** Resolves true when stderr has shown `text`, false when the process ends first. */
  readonly saw: (text: string) => Promise<boolean>;
  /** Exit code, stdout and stderr once it ends. */
  readonly done: Promise<{ code: number; stdout: string; stderr: string }>;
}

function spawnMerge(args: readonly string[], env: Record<string, string> = {}): RunningMerge {
  const child = denoCommand([
    "run",
    "--quiet",
    "--no-prompt",
    "--allow-read",
    "--allow-write",
    "--allow-env=ENCODER_BENCH_MERGE_GATE",
    "src/cli/merge.ts",
    ...args,
  ], { env }).spawn();
  let stderr = "";
  let ended = false;
  const waiters: { text: string; resolve: (seen: boolean) => void }[] = [];
  const settle = (): void => {
    for (const w of [...waiters]) {
      if (stderr.includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(true);
      }
    }
  };
  const errDone = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      stderr += chunk;
      settle();
    }
  })();
  const done = (async () => {
    const stdout = await new Response(child.stdout).text();
    const { code } = await child.status;
    await errDone;
    ended = true;
    for (const w of waiters.splice(0)) w.resolve(false);
    return { code, stdout, stderr };
  })();
  return {
    saw: (text) =>
      new Promise((resolve) => {
        if (ended) return resolve(stderr.includes(text));
        waiters.push({ text, resolve });
        settle();
      }),
    done,
  };
}

/** A store of `n` cell records (with one sample each) of run {@link RUN}, keys `tag-i`. */
async function runStore(tag: string, n: number): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: `eb-merge-${tag}-` });
  const writer = new RunWriter(dir, RUN);
  for (let i = 0; i < n; i++) {
    const cell = makeCell({ runId: RUN, cellKey: sha256Text(`${tag}-${i}`) });
    await writer.writeCell(cell, [makeSample(cell.cellKey, 0)]);
  }
  return dir;
}

Deno.test("deno task merge: two merges racing into one store lose no line", async () => {
  // Both add records of the same run, so both rewrite the same files. The first holds the store
  // lock and stops after reading the file it is about to replace; without the lock, the second
  // would write in that pause and the first would then write over it.
  const a = await runStore("a", 7);
  const b = await runStore("b", 5);
  const dest = await Deno.makeTempDir({ prefix: "eb-merge-dest-" });
  const gate = `${dest}-gate`;
  const slow = spawnMerge([a, "--out", dest, "--json"], { ENCODER_BENCH_MERGE_GATE: gate });
  try {
    assert(await slow.saw("ENCODER_BENCH_MERGE_GATE"), "the first merge ended early");
    const fast = spawnMerge([b, "--out", dest, "--json"]);
    // The second merge waits for the lock and says so (unlocked, it would end at once).
    await fast.saw("waiting for the exclusive lock of store");
    await Deno.writeTextFile(gate, "");
    const [s, f] = await Promise.all([slow.done, fast.done]);
    assertEquals([s.code, f.code], [0, 0], s.stderr + f.stderr);
    assertEquals(JSON.parse(s.stdout).added, 7);
    assertEquals(JSON.parse(f.stdout).added, 5);
    assert(f.stderr.includes(`held by pid `), f.stderr); // the wait named the holder
    const store = await readStore(dest, { strict: true });
    assertEquals(store.cells.length, 12);
    const samples = await readSamplesOf(dest, store.cells, { strict: true });
    assertEquals([...samples.values()].flat().length, 12);
  } finally {
    await Deno.writeTextFile(gate, ""); // never leave the first merge waiting
    await slow.done;
    await Deno.remove(gate);
  }
});

Deno.test("deno task merge: a held store lock past --lock-timeout is exit 1 naming the holder", async () => {
  const a = await runStore("a", 2);
  const dest = await Deno.makeTempDir({ prefix: "eb-merge-held-" });
  const lock = await lockStore(dest, { exclusive: false });
  try {
    const before = [...Deno.readDirSync(dest)].map((e) => e.name).sort();
    const r = await runCli("merge", ["--allow-read", `--allow-write=${dest}`], [
      a,
      "--out",
      dest,
      "--lock-timeout",
      "0.5",
    ]);
    assertEquals(r.code, 1, r.stderr);
    const lines = r.stderr.trim().split("\n");
    assertEquals(lines.length, 1, r.stderr);
    assert(lines[0]!.startsWith("error: "), r.stderr);
    assert(lines[0]!.includes(`pid ${Deno.pid}`), r.stderr);
    assert(lines[0]!.includes(`store ${dest}`), r.stderr);
    assertEquals([...Deno.readDirSync(dest)].map((e) => e.name).sort(), before);
  } finally {
    lock.release();
  }
});

Deno.test("deno task merge: a source line of a newer schema refuses the merge unless --skip-invalid", async () => {
  const a = await runStore("a", 3);
  const path = `${a}/${RUN}.jsonl`;
  const lines = (await Deno.readTextFile(path)).trimEnd().split("\n");
  const newer = { ...JSON.parse(lines[1]!), schema: "encoder-bench/cell@9" };
  lines[1] = JSON.stringify(newer);
  await Deno.writeTextFile(path, lines.join("\n") + "\n");
  const dest = await Deno.makeTempDir({ prefix: "eb-merge-newer-" });
  const perms = ["--allow-read", `--allow-write=${dest}`];
  const r = await runCli("merge", perms, [a, "--out", dest]);
  assertEquals(r.code, 2, r.stderr);
  const err = r.stderr.trim().split("\n");
  assertEquals(err.length, 1, r.stderr);
  assert(err[0]!.startsWith("error: ") && err[0]!.includes(`${path}:2`), r.stderr);
  assert(err[0]!.includes("encoder-bench/cell@9") && err[0]!.includes("--skip-invalid"), r.stderr);
  assertEquals((await readStore(dest, { strict: true })).cells.length, 0);
  assertEquals([...Deno.readDirSync(dest)].filter((e) => e.name.endsWith(".jsonl")), []);

  const skip = await runCli("merge", perms, [a, "--out", dest, "--skip-invalid", "--json"]);
  assertEquals(skip.code, 0, skip.stderr);
  assertEquals(JSON.parse(skip.stdout).added, 2);
  const warned = skip.stderr.trim().split("\n");
  assertEquals(warned.length, 1, skip.stderr);
  assert(warned[0]!.startsWith("warning: ") && warned[0]!.includes(`${path}:2`), skip.stderr);
  assertEquals((await readStore(dest, { strict: true })).cells.length, 2);
});

Deno.test("deno task merge: a damaged source line refuses the merge, naming file:line", async () => {
  const a = await runStore("a", 2);
  const path = `${a}/${RUN}.samples.jsonl`;
  await Deno.writeTextFile(path, (await Deno.readTextFile(path)) + '{"torn": \n');
  const dest = await Deno.makeTempDir({ prefix: "eb-merge-torn-" });
  const r = await runCli("merge", ["--allow-read", `--allow-write=${dest}`], [a, "--out", dest]);
  assertEquals(r.code, 2, r.stderr);
  assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert(r.stderr.includes(`${path}:3`), r.stderr);
  assertEquals([...Deno.readDirSync(dest)].filter((e) => e.name.endsWith(".jsonl")), []);
});
