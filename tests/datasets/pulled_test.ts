/**
 * Pulled datasets: parquet rows written into the sample form with a pinned manifest, and the
 * real-data tasks (`squad_v2`, `xsum`, `codexglue_translation`, `wmt14_en_de`) reading them
 * with no environment variable; a missing or mismatched pull names the command to run.
 */
import { assert, assertEquals, assertRejects } from "../results/_assert.ts";
import { createHash } from "node:crypto";
import { DatasetError } from "../../src/core/errors.ts";
import type { TaskDef } from "../../src/core/task.ts";
import {
  loadSplit,
  normalizeHubRow,
  pulledDatasetDir,
  readManifest,
  writePulledDataset,
} from "../../src/datasets/mod.ts";
import { taskAvailability } from "../../src/tasks/availability.ts";
import squadV2 from "../../tasks/squad_v2.ts";
import xsum from "../../tasks/xsum.ts";
import codexglue from "../../tasks/codexglue_translation.ts";
import wmt from "../../tasks/wmt14_en_de.ts";
import commonGen from "../../tasks/common_gen.ts";
import { flatParquet, squadParquet, wmtParquet } from "../hub/_parquet.ts";

const SHA = "a".repeat(40);
const noEnv = () => undefined;
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Writes `bytes` as the pulled parquet of `task`'s Hub dataset, split `split`. */
async function pull(root: string, task: TaskDef, split: string, bytes: Uint8Array, sha = SHA) {
  const src = task.dataset.source;
  if (src.kind !== "file" || src.hub === undefined) throw new Error("not a Hub task");
  const local = `${root}/${task.id}-${split}.parquet`;
  await Deno.writeFile(local, bytes);
  const path = `${src.hub.config}/${split}/0000.parquet`;
  return await writePulledDataset({
    dir: pulledDatasetDir(root, src.hub.repo, src.hub.config),
    repo: src.hub.repo,
    revision: src.hub.revision,
    sha,
    config: src.hub.config,
    splits: new Map([[split, {
      files: [{ path, size: bytes.length, sha256: sha256(bytes), local }],
    }]]),
  });
}

Deno.test("the real-data tasks read their pulled Hub data with no environment variable", async () => {
  const root = await Deno.makeTempDir({ prefix: "pulled-" });
  try {
    await pull(
      root,
      squadV2,
      "validation",
      squadParquet([
        { id: "q1", context: "Paris is in France.", question: "Where?", answers: ["France"] },
        { id: "q2", context: "Paris is in France.", question: "Who?", answers: [] },
      ]),
    );
    await pull(root, xsum, "test", flatParquet([{ document: "D", summary: "S", id: "7" }]));
    await pull(root, codexglue, "test", flatParquet([{ id: "0", java: "int a;", cs: "int a;" }]));
    const manifest = await pull(root, wmt, "test", wmtParquet([{ de: "Hallo", en: "Hello" }]));
    const squad = await loadSplit(squadV2, "validation", { datasetsDir: root, env: noEnv });
    assertEquals(squad.map((s) => [s.id, s.fields.answers, s.fields.is_impossible]), [
      ["q1", ["France"], false],
      ["q2", [], true],
    ]);
    assertEquals(squadV2.references(squad[1]!), [""]);
    const x = await loadSplit(xsum, "test", { datasetsDir: root, env: noEnv });
    assertEquals(x.map((s) => [s.id, s.fields]), [["7", { document: "D", summary: "S" }]]);
    const c = await loadSplit(codexglue, "test", { datasetsDir: root, env: noEnv });
    assertEquals(c[0]!.fields, { java: "int a;", cs: "int a;" });
    const w = await loadSplit(wmt, "test", { datasetsDir: root, env: noEnv });
    assertEquals(wmt.source(w[0]!), "translate English to German: Hello");
    assertEquals(wmt.references(w[0]!), ["Hallo"]);
    // The record's dataset hash is the pulled split's, as for a shipped dataset.
    const avail = await taskAvailability(wmt, root);
    assert(avail.available);
    assertEquals(avail.info.datasetSha256, manifest.splits.test!.sha256);
    assertEquals(avail.samples, 1);
    // The manifest pins the commit and every parquet file's sha256.
    const read = await readManifest(pulledDatasetDir(root, "wmt/wmt14", "de-en"));
    assertEquals(read.source?.sha, SHA);
    assertEquals(read.source?.files.test?.[0]?.path, "de-en/test/0000.parquet");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a local path still wins over pulled data", async () => {
  const root = await Deno.makeTempDir({ prefix: "pulled-" });
  try {
    await pull(root, xsum, "test", flatParquet([{ document: "D", summary: "S", id: "7" }]));
    const file = `${root}/local.jsonl`;
    await Deno.writeTextFile(file, '{"document":"L","summary":"M","id":"x"}\n');
    const env = (name: string) => name === "XSUM_PATH" ? file : undefined;
    const x = await loadSplit(xsum, "test", { datasetsDir: root, env });
    assertEquals(x.map((s) => s.fields.document), ["L"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a task whose data is not pulled, or pulled elsewhere, names the pull to run", async () => {
  const root = await Deno.makeTempDir({ prefix: "pulled-" });
  try {
    const none = await taskAvailability(wmt, root);
    assert(!none.available);
    assert(
      none.reason.includes("run: deno task pull dataset wmt/wmt14 --config de-en --split test"),
      none.reason,
    );
    assert(none.reason.includes("WMT14_PATH"), none.reason);
    // Pulled, but another split: the task's split is named.
    await pull(root, commonGen, "train", flatParquet([{ target: "x" }]));
    const err = await assertRejects(
      () => loadSplit(commonGen, "validation", { datasetsDir: root, env: noEnv }),
      DatasetError,
    );
    assert(err.message.includes('split "validation" was not pulled'), err.message);
    assert(err.message.includes("allenai/common_gen --config default --split validation"));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a later pull of another commit replaces the splits; an unreadable file writes nothing", async () => {
  const root = await Deno.makeTempDir({ prefix: "pulled-" });
  try {
    await pull(root, wmt, "test", wmtParquet([{ de: "a", en: "b" }]));
    const dir = pulledDatasetDir(root, "wmt/wmt14", "de-en");
    const before = await Deno.readTextFile(`${dir}/manifest.json`);
    await assertRejects(
      () => pull(root, wmt, "validation", new TextEncoder().encode("not parquet"), "b".repeat(40)),
      DatasetError,
    );
    assertEquals(await Deno.readTextFile(`${dir}/manifest.json`), before);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
      "manifest.json",
      "test.jsonl",
    ]);
    const fresh = await Deno.makeTempDir({ prefix: "pulled-" });
    await assertRejects(() => pull(fresh, wmt, "test", new Uint8Array([1, 2, 3])), DatasetError);
    assertEquals([...Deno.readDirSync(fresh)].filter((e) => e.isDirectory), []);
    await Deno.remove(fresh, { recursive: true });
    await pull(root, wmt, "validation", wmtParquet([{ de: "c", en: "d" }]), "b".repeat(40));
    const m = await readManifest(dir);
    assertEquals(Object.keys(m.splits), ["validation"]);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
      "manifest.json",
      "validation.jsonl",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("normalizeHubRow derives SQuAD's is_impossible and leaves other formats alone", () => {
  const row = { answers: { text: [], answer_start: [] } };
  assertEquals(normalizeHubRow("squad_json", row).is_impossible, true);
  assertEquals(normalizeHubRow("jsonl", row), row);
  assertEquals(
    normalizeHubRow("squad_json", { ...row, is_impossible: false }).is_impossible,
    false,
  );
});
