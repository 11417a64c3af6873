/** `deno task generate`: JSON on success; one `error:` line and exit 2 on bad input. */
import assert from "node:assert/strict";

import { runCli } from "../cli/_run.ts";

const T5 = new URL("../fixtures/models/t5", import.meta.url).pathname;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(
    "generate",
    ["--allow-read", "--allow-env", "--allow-ffi", "--allow-sys"],
    args,
  );
  return { code: r.code, out: r.stdout, err: r.stderr };
}

Deno.test("generate CLI: prints text, token ids and timings as JSON", async () => {
  const r = await run(
    "--model",
    T5,
    "--prompt",
    "hello world",
    "--max-new-tokens",
    "4",
    "--ignore-eos",
  );
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  assert.equal(json.model.architecture, "encoder-decoder");
  assert.equal(json.results[0].tokenIds.length, 4);
  assert.ok(json.results[0].timings.ttftMs > 0);
  assert.equal(json.settings.warmupRuns, 1);
  assert.ok(json.environment.cores > 0 && json.peakRssMiB > 0);
});

Deno.test("generate CLI: bad flags, missing model and unavailable target exit 2 with one line", async () => {
  for (
    const [args, pattern] of [
      [["--model", T5], /exactly one of --prompt/],
      [["--model", T5, "--prompt", "x", "--max-new-tokens", "0"], /max-new-tokens/],
      [["--model", "/nonexistent", "--prompt", "x"], /nonexistent\/config\.json: missing file/],
      [["--model", T5, "--prompt", "x", "--target", "qnn"], /"qnn": target is not available/],
      [["--model", T5, "--prompt", "x", "--target", "tpu"], /unknown target/],
    ] as const
  ) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.equal(r.out, "");
    assert.equal(r.err.trim().split("\n").length, 1, r.err);
    assert.match(r.err, /^error: /);
    assert.match(r.err, pattern);
  }
});

Deno.test("generate CLI: --max-new-tokens has an upper bound; --top-p and --input are checked", async () => {
  const bad = await Deno.makeTempFile({ suffix: ".txt" });
  await Deno.writeFile(bad, new Uint8Array([0x68, 0xff, 0xfe, 0x0a]));
  try {
    for (
      const [args, pattern] of [
        [["--prompt", "x", "--max-new-tokens", "100000"], /from 1 to 4096/],
        [["--prompt", "x", "--temperature", "1", "--top-p", "2"], /--top-p.*<= 1/],
        [["--input", bad], /--input.*not valid UTF-8/],
      ] as const
    ) {
      const r = await run("--model", T5, ...args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
      assert.equal(r.err.trim().split("\n").length, 1, r.err);
      assert.match(r.err, pattern);
    }
  } finally {
    await Deno.remove(bad);
  }
});

Deno.test("generate CLI: stops at the model's positions and says so; text mode streams the text", async () => {
  const json = await run(
    "--model",
    T5,
    "--prompt",
    "hello world",
    "--max-new-tokens",
    "100",
    "--ignore-eos",
  );
  assert.equal(json.code, 0, json.err);
  const [result] = JSON.parse(json.out).results;
  assert.equal(result.finishReason, "length");
  assert.equal(result.outputTokens, 63);
  assert.match(json.err, /stopped after 63 new tokens: the model's 64 positions are full/);
  const text = await run(
    "--model",
    T5,
    "--prompt",
    "hello world",
    "--max-new-tokens",
    "100",
    "--ignore-eos",
    "--format",
    "text",
  );
  assert.equal(text.code, 0, text.err);
  assert.equal(text.out, `${result.text}\n`);
  assert.match(text.err, /the model's 64 positions are full/);
});
