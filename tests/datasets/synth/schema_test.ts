import assert from "node:assert/strict";
import type { JsonObject } from "../../../src/core/json.ts";
import { GENERATORS } from "../../../src/datasets/synth/registry.ts";
import { committed, SPLIT_NAMES } from "./_committed.ts";

const SIZES = { train: 20_000, validation: 500, test: 500 } as const;

function keys(ex: JsonObject): string {
  return Object.keys(ex).join(",");
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?]["']?)\s+(?=["A-Z0-9])/).filter((s) => s.length > 0);
}

for (const gen of GENERATORS) {
  Deno.test(`${gen.name}: every committed line has the manifest's fields in order, ids in sequence`, async () => {
    const data = await committed(gen.name);
    for (const split of SPLIT_NAMES) {
      assert.equal(data[split].length, SIZES[split]);
      data[split].forEach((ex, i) => {
        assert.equal(keys(ex), Object.keys(gen.fields).join(","), `${split} line ${i + 1}`);
        assert.equal(ex.id, `${gen.name}-${split}-${String(i + 1).padStart(6, "0")}`);
      });
    }
  });

  Deno.test(`${gen.name}: splits share no input and no line repeats an input`, async () => {
    const data = await committed(gen.name);
    const seen = new Map<string, string>();
    for (const split of SPLIT_NAMES) {
      for (const ex of data[split]) {
        const key = gen.inputKey(ex);
        assert.ok(!seen.has(key), `${ex.id} repeats the input of ${seen.get(key)}`);
        seen.set(key, String(ex.id));
      }
    }
  });
}

Deno.test("qa: answers are exact spans at answer_starts; about a third unanswerable", async () => {
  const data = await committed("qa");
  for (const split of SPLIT_NAMES) {
    let impossible = 0;
    for (const ex of data[split]) {
      const context = ex.context as string;
      const answers = ex.answers as string[];
      const starts = ex.answer_starts as number[];
      assert.ok(context.length >= 450 && context.length <= 800, `${ex.id} context length`);
      assert.ok((ex.question as string).endsWith("?"));
      assert.equal(answers.length, starts.length);
      assert.equal(ex.is_impossible, answers.length === 0, String(ex.id));
      if (ex.is_impossible) impossible++;
      answers.forEach((a, i) => {
        assert.equal(context.slice(starts[i], starts[i]! + a.length), a, String(ex.id));
        const words = a.split(" ").length;
        assert.ok(words >= 1 && words <= 5, `${ex.id} answer "${a}"`);
      });
    }
    const share = impossible / data[split].length;
    assert.ok(share >= 0.25 && share <= 0.4, `${split}: unanswerable share ${share}`);
  }
});

Deno.test("summarize: the summary is one sentence of 15-30 words, not copied from the document", async () => {
  const data = await committed("summarize");
  for (const split of SPLIT_NAMES) {
    for (const ex of data[split]) {
      const doc = ex.document as string;
      const summary = ex.summary as string;
      assert.ok(doc.length >= 900 && doc.length <= 1400, `${ex.id} document length ${doc.length}`);
      assert.ok(sentences(doc).length >= 5, String(ex.id));
      assert.equal(sentences(summary).length, 1, `${ex.id}: ${summary}`);
      assert.ok(summary.endsWith("."));
      const words = summary.split(" ").length;
      assert.ok(words >= 15 && words <= 30, `${ex.id}: ${words} words`);
      for (const s of sentences(doc)) assert.notEqual(s, summary, String(ex.id));
    }
  }
});

Deno.test("write: 4-7 sentences, output more than three times the prompt, attributes in the prompt", async () => {
  const data = await committed("write");
  let out = 0;
  let inp = 0;
  for (const split of SPLIT_NAMES) {
    for (const ex of data[split]) {
      const prompt = ex.prompt as string;
      const text = ex.text as string;
      const attrs = ex.attributes as Record<string, string | string[]>;
      assert.equal(Object.keys(attrs).join(","), "form,recipient,date,time,tone,mention");
      const n = sentences(text).length;
      assert.ok(n >= 4 && n <= 7, `${ex.id}: ${n} sentences`);
      assert.ok(text.length > 3 * prompt.length, String(ex.id));
      assert.ok(prompt.length >= 60 && prompt.length <= 160, `${ex.id} prompt length`);
      assert.ok(text.length >= 400 && text.length <= 700, `${ex.id} text length`);
      for (const key of ["date", "tone", "recipient"]) {
        assert.ok(prompt.includes(attrs[key] as string), `${ex.id} prompt lacks ${key}`);
      }
      assert.ok(text.includes(attrs.date as string), `${ex.id} text lacks the date`);
      for (const m of attrs.mention as string[]) {
        assert.ok(prompt.includes(m), `${ex.id} lacks ${m}`);
      }
      out += text.length;
      inp += prompt.length;
    }
  }
  assert.ok(out / inp > 3);
});
