import assert from "node:assert/strict";
import {
  charLength,
  lengthStats,
  summarizeLengths,
  whitespaceTokens,
} from "../../src/tasks/stats.ts";
import { loadTokenCounter } from "../../src/tasks/token_counter.ts";
import { ConfigError } from "../../src/core/errors.ts";
import { fixture } from "./_helpers.ts";

Deno.test("summarizeLengths: mean, nearest-rank p95 and max", () => {
  assert.deepEqual(summarizeLengths([]), { mean: 0, p95: 0, max: 0 });
  assert.deepEqual(summarizeLengths([5]), { mean: 5, p95: 5, max: 5 });
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
  const s = summarizeLengths(hundred);
  assert.equal(s.mean, 50.5);
  assert.equal(s.p95, 95);
  assert.equal(s.max, 100);
  assert.equal(summarizeLengths([1, 2, 3, 4, 1000]).p95, 1000);
});

Deno.test("lengthStats counts characters as code points and tokens with the counter", () => {
  assert.equal(charLength("héllo 👋"), 7);
  assert.equal(whitespaceTokens("  a  b\nc "), 3);
  assert.equal(whitespaceTokens("   "), 0);
  const st = lengthStats([
    { input: "one two three four", output: "one" },
    { input: "one two", output: "one two three" },
  ]);
  assert.equal(st.n, 2);
  assert.equal(st.inputTokens.mean, 3);
  assert.equal(st.outputTokens.mean, 2);
  assert.equal(st.ratioTokens, 2 / 3);
  assert.equal(st.inputChars.max, 18);
  const custom = lengthStats([{ input: "abc", output: "" }], (t) => t.length * 2);
  assert.equal(custom.inputTokens.mean, 6);
  assert.equal(custom.ratioChars, 0);
});

Deno.test("a tokenizer.json folder counts tokens without special tokens", async () => {
  const counter = await loadTokenCounter(fixture("tokenizer"));
  assert.ok(counter.name.endsWith("tokenizer/tokenizer.json"));
  assert.equal(counter.count("the cat sleeps."), 4);
  await assert.rejects(() => loadTokenCounter(fixture("squad_v2")), ConfigError);
});
