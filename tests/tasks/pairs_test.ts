import assert from "node:assert/strict";
import { DatasetError } from "../../src/core/errors.ts";
import { writePairs } from "../../src/tasks/pairs.ts";
import { loadRegistry } from "../../src/tasks/registry.ts";
import { fixture } from "./_helpers.ts";

const registry = await loadRegistry(new URL("../../tasks", import.meta.url).pathname);

Deno.test("writePairs writes one JSONL per split, skipping unconfigured real-data tasks", async () => {
  const out = await Deno.makeTempDir({ prefix: "pairs_" });
  try {
    const summary = await writePairs({
      out,
      tasks: registry.tasks,
      splits: ["train", "test"],
      datasetsDir: fixture("shipped"),
      env: () => undefined,
      skipUnavailable: true,
    });
    assert.deepEqual(summary.counts.test, {
      code_translate: 1,
      qa: 2,
      summarize: 1,
      translate: 1,
      write: 1,
    });
    assert.deepEqual(summary.skipped, [
      "codexglue_translation: CODEXGLUE_PATH not set, " +
      "google/code_x_glue_cc_code_to_code_trans not pulled (all splits)",
      "common_gen: COMMON_GEN_PATH not set, allenai/common_gen not pulled (all splits)",
      "squad_v2: SQUAD_V2_PATH not set, rajpurkar/squad_v2 not pulled (all splits)",
      "wmt14_en_de: WMT14_PATH not set, wmt/wmt14 not pulled (all splits)",
      "xsum: XSUM_PATH not set, EdinburghNLP/xsum not pulled (all splits)",
    ]);
    const lines = (await Deno.readTextFile(`${out}/test.jsonl`)).trimEnd().split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 6);
    for (const line of lines) {
      assert.deepEqual(Object.keys(line), [
        "task",
        "id",
        "source",
        "prompt",
        "target",
        "references",
      ]);
    }
    const qa = lines.find((l) => l.id === "qa-test-1");
    assert.equal(qa.target, "unanswerable");
    assert.deepEqual(qa.references, [""]);
    const meta = JSON.parse(await Deno.readTextFile(`${out}/pairs.json`));
    assert.deepEqual(Object.keys(meta.tasks).sort(), [
      "code_translate",
      "qa",
      "summarize",
      "translate",
      "write",
    ]);
    const files = [...Deno.readDirSync(out)].map((e) => e.name).sort();
    assert.deepEqual(files, ["pairs.json", "test.jsonl", "train.jsonl"]);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("writePairs includes configured real-data splits and fails atomically", async () => {
  const out = await Deno.makeTempDir({ prefix: "pairs_" });
  try {
    const summary = await writePairs({
      out,
      tasks: [registry.get("xsum"), registry.get("codexglue_translation")],
      splits: ["test"],
      env: (name) =>
        name === "XSUM_PATH"
          ? fixture("xsum")
          : name === "CODEXGLUE_PATH"
          ? fixture("codexglue")
          : undefined,
    });
    assert.deepEqual(summary.counts.test, { xsum: 2, codexglue_translation: 2 });
    // A required task without data fails and writes nothing.
    const empty = await Deno.makeTempDir({ prefix: "pairs_" });
    await assert.rejects(
      () =>
        writePairs({
          out: empty,
          tasks: [registry.get("squad_v2")],
          splits: ["validation"],
          env: () => undefined,
        }),
      DatasetError,
    );
    assert.deepEqual([...Deno.readDirSync(empty)], []);
    await Deno.remove(empty);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
