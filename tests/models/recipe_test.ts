/**
 * The model zoo recipe (models/recipe/run.sh) on its tiny CI budget: it builds every model folder
 * in the final layout, the files are what card.json says they are, configs carry the fields
 * engines need, and the byte-level BPE tokenizer round-trips every evaluation text.
 *
 * Needs Debian's /usr/bin/python3 with torch, onnx and numpy; fails with the install line if they
 * are missing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { sha256File } from "../../src/results/hash.ts";
import { Tokenizer } from "@huggingface/tokenizers";
import { int8ShouldShip, type LimitsCard, missingLimits, ZOO_IDS } from "./_zoo.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const TOKENIZER_FILES = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"];

type Json = Record<string, unknown>;

async function readJson(path: string): Promise<Json> {
  return JSON.parse(await Deno.readTextFile(path)) as Json;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await new Deno.Command("bash", { args, cwd: ROOT, stdout: "piped", stderr: "piped" })
    .output();
  const dec = new TextDecoder();
  return { code: r.code, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}

function texts(row: Json): string[] {
  const out = [row.source, row.prompt, row.target, ...(row.references as unknown[] ?? [])];
  return out.filter((x): x is string => typeof x === "string" && x.length > 0);
}

function roundTrip(tok: Tokenizer, lines: string[], where: string): number {
  let n = 0;
  for (const line of lines) {
    if (!line.trim()) continue;
    for (const text of texts(JSON.parse(line) as Json)) {
      const ids = tok.encode(text, { add_special_tokens: false }).ids;
      const back = tok.decode(ids);
      assert.equal(back, text, `${where}: decode(encode(x)) != x for ${JSON.stringify(text)}`);
      n++;
    }
  }
  return n;
}

async function loadTokenizer(dir: string): Promise<Tokenizer> {
  return new Tokenizer(
    await readJson(join(dir, "tokenizer.json")),
    await readJson(join(dir, "tokenizer_config.json")),
  );
}

Deno.test("recipe: tiny run builds every model folder with consistent files", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "recipe-test-" });
  const pairs = await Deno.makeTempDir({ dir: join(ROOT, ".tmp"), prefix: "recipe-test-pairs-" })
    .catch(async () => {
      await Deno.mkdir(join(ROOT, ".tmp"), { recursive: true });
      return await Deno.makeTempDir({ dir: join(ROOT, ".tmp"), prefix: "recipe-test-pairs-" });
    });
  try {
    const p = await run(["-c", `deno task pairs --out '${pairs}' >/dev/null`]);
    assert.equal(p.code, 0, `deno task pairs failed: ${p.err.trim().split("\n").pop()}`);
    const r = await run([
      "models/recipe/run.sh",
      "--tiny",
      "--out",
      tmp,
      "--pairs",
      pairs,
      "--copy-bootstrap",
      "1",
      "--copy-bootstrap-long",
      "1",
      "--teacher-copy-bootstrap-long",
      "2",
    ]);
    const last = r.err.trim().split("\n").filter((l) => l.startsWith("error:")).pop() ??
      r.err.trim().split("\n").pop();
    assert.equal(r.code, 0, `models/recipe/run.sh --tiny failed: ${last}`);

    const build = await readJson(join(tmp, "build.json"));
    assert.equal(build.tiny, true);
    assert.match(await Deno.readTextFile(join(tmp, "README.md")), /\| `eb-t5-base` \| t5 \|/);
    const plain = await loadTokenizer(join(tmp, "tokenizer"));

    for (const id of ZOO_IDS) {
      const dir = join(tmp, id);
      const cfg = await readJson(join(dir, "config.json"));
      const card = await readJson(join(dir, "card.json"));
      const files = card.files as Record<string, { bytes: number; sha256: string }>;
      for (const [rel, meta] of Object.entries(files)) {
        assert.equal(await sha256File(join(dir, rel)), meta.sha256, `${id}/${rel}: sha256`);
      }
      // int8 files ship only where check_onnx.ts found them agreeing with fp32 (int8_verdict.py)
      const q = card.quantized as { shipped: boolean; first_argmax_agree: string } | undefined;
      assert.ok(q, `${id}: card.json has no int8 verdict (quantized)`);
      const agree = q.first_argmax_agree;
      assert.equal(q.shipped, int8ShouldShip(agree), `${id}: int8 verdict ${agree}`);
      const fp32 = cfg.is_encoder_decoder
        ? ["encoder_model.onnx", "decoder_model_merged.onnx"]
        : ["model.onnx"];
      const int8 = fp32.map((f) => f.replace(".onnx", "_quantized.onnx"));
      for (const f of int8) {
        assert.equal(`onnx/${f}` in files, q.shipped, `${id}: onnx/${f} listed`);
        assert.equal(await exists(join(dir, "onnx", f)), q.shipped, `${id}: onnx/${f} on disk`);
      }
      for (
        const f of [
          ...fp32.map((o) => `onnx/${o}`),
          ...TOKENIZER_FILES,
          "generation_config.json",
          "reference.json",
          "train_log.csv",
          "val_log.csv",
        ]
      ) {
        assert.ok(f in files, `${id}: ${f} missing from card.json files`);
      }
      const readme = await Deno.readTextFile(join(dir, "README.md"));
      assert.match(readme, new RegExp(`^# ${id}\n`));
      assert.deepEqual(missingLimits(card as unknown as LimitsCard, readme), [], id);
      const expectType = id === "eb-t5-base"
        ? "t5"
        : id.startsWith("eb-ed")
        ? "encdec_rope"
        : "llama";
      assert.equal(cfg.model_type, expectType, `${id}: model_type`);
      const training = card.training as Record<string, unknown>;
      assert.equal(training.copy_bootstrap_batches, 1, `${id}: copy bootstrap`);
      // the teacher has its own long bootstrap (and the tiny budget its own step count)
      const long = id === "eb-teacher" ? 2 : 1;
      assert.equal(training.copy_bootstrap_long_batches, long, `${id}: long copy bootstrap`);
      assert.equal(training.recall_bootstrap_batches, 2, `${id}: recall bootstrap (tiny budget)`);
      assert.equal(training.qa_bootstrap_batches, 2, `${id}: qa bootstrap (tiny budget)`);
      assert.equal(training.steps, 4 + 1 + long + 2 + 2, `${id}: steps count every bootstrap`);
      // only T5 has a relative-bias table, trained at its own multiple of the lr
      assert.equal(
        training.relative_bias_lr_mult,
        id === "eb-t5-base" ? 10 : undefined,
        `${id}: relative-bias lr multiple`,
      );
      assert.equal(training.qa_drill, 0.5, `${id}: qa drill probability (tiny budget)`);
      const kd = card.distillation as Record<string, unknown> | null;
      assert.equal(kd !== null, id.endsWith("-kd"), `${id}: distillation settings`);
      if (kd) {
        // run.sh caches the teacher's logits once for both distilled students
        assert.match(String(kd.teacher_logits), /computed once/, `${id}: cached teacher logits`);
      }
      for (const k of ["vocab_size", "eos_token_id", "pad_token_id", "bos_token_id"]) {
        assert.equal(typeof cfg[k], "number", `${id}: config.${k}`);
      }
      if (expectType === "t5") {
        for (
          const k of ["d_model", "d_kv", "d_ff", "num_heads", "num_layers", "num_decoder_layers"]
        ) {
          assert.equal(typeof cfg[k], "number", `${id}: config.${k}`);
        }
      } else {
        for (const k of ["hidden_size", "num_attention_heads", "num_key_value_heads", "head_dim"]) {
          assert.equal(typeof cfg[k], "number", `${id}: config.${k}`);
        }
      }
      const ref = await readJson(join(dir, "reference.json"));
      const items = ref.items as {
        input_ids: number[];
        output_ids: number[];
        first_logits: Json;
      }[];
      assert.equal(items.length, 16, `${id}: reference items`);
      for (const it of items) {
        assert.equal(it.output_ids.length, 32);
        const bytes = atob(it.first_logits.base64 as string).length;
        assert.equal(bytes, 4 * (cfg.vocab_size as number), `${id}: first_logits size`);
      }
      // the model's tokenizer gives the reference input ids for the reference texts
      const tok = await loadTokenizer(dir);
      const texts = ref.items as { text: string; input_ids: number[] }[];
      for (const it of texts) {
        assert.deepEqual(tok.encode(it.text).ids, it.input_ids, `${id}: tokenization`);
      }
      const log = await Deno.readTextFile(join(dir, "train_log.csv"));
      assert.match(log, /^step,lr,loss,ce,kl,tokens,seconds\n1,/);
      // distilled students: cross-entropy on the bootstrap batches, KL on the real ones only
      const kl = log.trim().split("\n").slice(1).map((row) => row.split(",")[4]);
      const boot = 1 + long + 2 + 2; // copy, long copy, recall and qa-crop bootstraps
      assert.deepEqual(
        kl.map((v) => v !== ""),
        kl.map((_, i) => kd !== null && i >= boot),
        `${id}: steps with a KL term`,
      );
      if (kd) {
        assert.match(String(kd.batches), /real batches/, `${id}: KD batches documented`);
        // its cross-entropy bootstrap is its baseline twin's, reused step for step
        const shared = training.shared_bootstrap as Json | undefined;
        assert.equal(shared?.from, id.replace("-kd", "-base"), `${id}: shared bootstrap`);
        assert.equal(shared?.steps, boot, `${id}: shared bootstrap steps`);
        const twin = await Deno.readTextFile(
          join(tmp, id.replace("-kd", "-base"), "train_log.csv"),
        );
        const head = (t: string) =>
          t.split("\n").slice(0, boot + 1).map((r) => r.split(",").slice(0, 6).join(","));
        assert.deepEqual(head(log), head(twin), `${id}: bootstrap rows equal to the twin's`);
      }
    }
    // the tiny tokenizer is byte-level too: it round-trips the pairs it never saw
    const val = (await Deno.readTextFile(join(pairs, "validation.jsonl"))).split("\n");
    assert.ok(roundTrip(plain, val, "tiny tokenizer") > 1000);

    // a failing int8 verdict drops the files, and card.json and README.md say so first
    const copy = join(tmp, "forced");
    await cp(join(tmp, "eb-dec-base"), join(copy, "eb-dec-base"), { recursive: true });
    await Deno.writeTextFile(
      join(copy, "int8.json"),
      JSON.stringify({
        "eb-dec-base": {
          ok: false,
          first_argmax_agree: 5,
          items: 16,
          max_abs_dlogit: 17,
          cached_greedy_agree: 0,
          greedy_steps: 8,
          rule: "test",
        },
      }),
    );
    const v = await run([
      "-c",
      `/usr/bin/python3 models/recipe/int8_verdict.py '${copy}/int8.json' '${copy}'`,
    ]);
    assert.equal(v.code, 0, v.err);
    const dropped = await readJson(join(copy, "eb-dec-base", "card.json"));
    const q = dropped.quantized as Json;
    assert.equal(q.shipped, false);
    assert.equal(q.first_argmax_agree, "5/16");
    const kept = dropped.files as Record<string, { bytes: number; sha256: string }>;
    assert.ok(!("onnx/model_quantized.onnx" in kept), "dropped file still in card.json");
    assert.ok(!(await exists(join(copy, "eb-dec-base", "onnx", "model_quantized.onnx"))));
    assert.equal(dropped.total_bytes, Object.values(kept).reduce((a, f) => a + f.bytes, 0));
    for (const [rel, meta] of Object.entries(kept)) {
      assert.equal(await sha256File(join(copy, "eb-dec-base", rel)), meta.sha256, rel);
    }
    const readme = await Deno.readTextFile(join(copy, "eb-dec-base", "README.md"));
    assert.match(readme, /- int8: not shipped: first-step argmax equal to fp32 on 5\/16/);
    assert.doesNotMatch(readme, /model_quantized\.onnx/);
  } finally {
    await Deno.remove(tmp, { recursive: true });
    await Deno.remove(pairs, { recursive: true });
  }
});

/**
 * Runs a check script of tests/models/py/ (one thread) and asserts it exits 0 printing "ok";
 * with `PYTHONOPTIMIZE=1` too, since checks made of bare `assert` statements vanish there.
 */
async function pyCheck(script: string): Promise<void> {
  for (const env of ["", "PYTHONOPTIMIZE=1 "]) {
    const r = await run([
      "-c",
      `${env}OMP_NUM_THREADS=1 /usr/bin/python3 tests/models/py/${script}`,
    ]);
    assert.equal(r.code, 0, `${env}${script}: ${r.err}`);
    assert.equal(r.out.trim(), "ok");
  }
}

Deno.test("recipe: teacher logits of another shape are an error, also under PYTHONOPTIMIZE", async () => {
  await pyCheck("teacher_logits_check.py");
});

Deno.test("recipe: a torch older than 1 fails the prerequisite check, also under PYTHONOPTIMIZE", async () => {
  // a stand-in torch module reporting version 0.4 (numpy and onnx are the real ones)
  const fake = await Deno.makeTempDir({ prefix: "recipe-old-torch-" });
  try {
    await Deno.mkdir(join(fake, "torch"));
    await Deno.writeTextFile(join(fake, "torch", "__init__.py"), '__version__ = "0.4.1"\n');
    for (const env of ["", "PYTHONOPTIMIZE=1 "]) {
      const r = await run([
        "-c",
        `${env}PYTHONPATH='${fake}' models/recipe/run.sh --tiny --out '${fake}/out'`,
      ]);
      assert.equal(r.code, 1, `${env}: ${r.err}`);
      const lines = r.err.trim().split("\n");
      assert.equal(lines.length, 1, r.err);
      assert.match(lines[0]!, /^error: python3 modules torch \(1 or later\), onnx and numpy/);
      assert.ok(!(await exists(join(fake, "out"))), `${env}: the build started`);
    }
  } finally {
    await Deno.remove(fake, { recursive: true });
  }
});

Deno.test("recipe: a missing python prerequisite gives one line with the install command", async () => {
  const r = await run(["-c", "RECIPE_PYTHON=/nonexistent/python3 models/recipe/run.sh --tiny"]);
  assert.notEqual(r.code, 0);
  const lines = r.err.trim().split("\n");
  assert.equal(lines.length, 1, r.err);
  assert.match(lines[0]!, /^error: .*apt-get install -y python3 python3-torch python3-onnx/);
});

Deno.test("recipe: an option without its value or an unknown option is a one-line error", async () => {
  for (
    const [args, want] of [
      ["--tiny --out", /^error: option '--out' needs a value \(see --help\)$/],
      ["--steps", /^error: option '--steps' needs a value \(see --help\)$/],
      ["--bogus 1", /^error: unknown option '--bogus' \(see --help\)$/],
      // the trial flags of earlier builds are gone (docs/notes/zoo-experiments.md)
      ["--prompt-loss 1", /^error: unknown option '--prompt-loss' \(see --help\)$/],
      ["--qa-evidence 0.5", /^error: unknown option '--qa-evidence' \(see --help\)$/],
    ] as const
  ) {
    const r = await run(["models/recipe/run.sh", ...args.split(" ")]);
    assert.equal(r.code, 2, `${args}: ${r.err}`);
    const lines = r.err.trim().split("\n");
    assert.equal(lines.length, 1, r.err);
    assert.match(lines[0]!, want);
    assert.equal(r.out, "");
  }
});
Deno.test("recipe: committed tokenizer round-trips every evaluation text of every dataset", async () => {
  const dir = join(ROOT, "models", "tokenizer");
  try {
    await Deno.stat(join(dir, "tokenizer.json"));
  } catch {
    return; // no committed zoo yet: covered by the tiny run above
  }
  const tok = await loadTokenizer(dir);
  let n = 0;
  for await (const e of Deno.readDir(join(ROOT, "datasets"))) {
    if (!e.isDirectory) continue;
    for (const split of ["validation.jsonl", "test.jsonl"]) {
      let text: string;
      try {
        text = await Deno.readTextFile(join(ROOT, "datasets", e.name, split));
      } catch {
        continue;
      }
      // dataset rows: every string field is a text the models may read or write
      for (const line of text.split("\n")) {
        if (!line.trim()) continue;
        const row = JSON.parse(line) as Json;
        const strings = Object.values(row).flatMap((v) =>
          typeof v === "string"
            ? [v]
            : Array.isArray(v)
            ? v.filter((x) => typeof x === "string")
            : []
        ).filter((s) => s.length > 0);
        for (const s of strings) {
          assert.equal(tok.decode(tok.encode(s, { add_special_tokens: false }).ids), s, e.name);
          n++;
        }
      }
    }
  }
  assert.ok(n > 1000, `only ${n} texts checked`);
});
