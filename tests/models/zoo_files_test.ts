/**
 * The committed zoo's budget rules (issue 3): every student folder at most
 * 12 MB and the teacher at most 40 MB, all files counted; students within 5%
 * of each other in parameters and trained with the same budget; every file
 * listed in card.json with its size and sha256, and nothing unlisted besides
 * card.json and README.md; int8 files only where the card's verdict ships them; every card and
 * README state the model's limits (weak teacher, ground-truth distillation, trivial-level tasks).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { sha256File } from "../../src/results/hash.ts";
import {
  int8ShouldShip,
  type LimitsCard,
  missingLimits,
  ZOO_STUDENTS as STUDENTS,
  ZOO_TEACHER as TEACHER,
} from "./_zoo.ts";

const ROOT = new URL("../../models/", import.meta.url).pathname;
const MB = 1_000_000;

interface Card {
  readonly parameters: { readonly total: number };
  readonly training: { readonly steps: number; readonly seed: number };
  readonly files: Record<string, { readonly bytes: number; readonly sha256: string }>;
  readonly quantized?: { readonly shipped: boolean; readonly first_argmax_agree: string };
}

async function card(id: string): Promise<Card> {
  return JSON.parse(await Deno.readTextFile(join(ROOT, id, "card.json"))) as Card;
}

/** Every file below dir, as paths relative to it. */
async function walk(dir: string, rel = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(join(dir, rel))) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...await walk(dir, p));
    else out.push(p);
  }
  return out.sort();
}

async function folderBytes(id: string): Promise<number> {
  let n = 0;
  for (const f of await walk(join(ROOT, id))) n += (await Deno.stat(join(ROOT, id, f))).size;
  return n;
}

Deno.test("zoo files: students at most 12 MB, the teacher at most 40 MB (all files)", async () => {
  for (const id of STUDENTS) {
    const bytes = await folderBytes(id);
    assert.ok(bytes <= 12 * MB, `models/${id}: ${(bytes / MB).toFixed(2)} MB > 12 MB`);
  }
  const t = await folderBytes(TEACHER);
  assert.ok(t <= 40 * MB, `models/${TEACHER}: ${(t / MB).toFixed(2)} MB > 40 MB`);
});

Deno.test("zoo files: students within 5% in parameters, same steps and seed; teacher larger", async () => {
  const cards = await Promise.all(STUDENTS.map(card));
  const params = cards.map((c) => c.parameters.total);
  const lo = Math.min(...params);
  const hi = Math.max(...params);
  assert.ok(hi <= lo * 1.05, `student parameters range ${lo}..${hi} (more than 5% apart)`);
  assert.equal(new Set(cards.map((c) => c.training.steps)).size, 1, "student steps differ");
  assert.equal(new Set(cards.map((c) => c.training.seed)).size, 1, "student seeds differ");
  const teacher = await card(TEACHER);
  assert.ok(teacher.parameters.total >= 3 * hi, "the teacher is not several times a student");
});

Deno.test("zoo files: card.json lists every file with its size and sha256", async () => {
  for (const id of [TEACHER, ...STUDENTS]) {
    const c = await card(id);
    const onDisk = (await walk(join(ROOT, id))).filter((f) =>
      f !== "card.json" && f !== "README.md"
    );
    assert.deepEqual(onDisk, Object.keys(c.files).sort(), `models/${id}: files on disk`);
    for (const [rel, meta] of Object.entries(c.files)) {
      const path = join(ROOT, id, rel);
      assert.equal((await Deno.stat(path)).size, meta.bytes, `models/${id}/${rel}: bytes`);
      assert.equal(await sha256File(path), meta.sha256, `models/${id}/${rel}: sha256`);
    }
  }
});

Deno.test("zoo files: int8 files ship exactly where the card's verdict says they agree", async () => {
  for (const id of [TEACHER, ...STUDENTS]) {
    const c = await card(id);
    assert.ok(c.quantized, `models/${id}: card.json has no int8 verdict (quantized)`);
    const agree = c.quantized.first_argmax_agree;
    assert.equal(c.quantized.shipped, int8ShouldShip(agree), `models/${id}: int8 ${agree}`);
    const int8 = Object.keys(c.files).filter((f) => f.endsWith("_quantized.onnx"));
    const fp32 = Object.keys(c.files).filter((f) => f.startsWith("onnx/") && !int8.includes(f));
    assert.equal(int8.length, c.quantized.shipped ? fp32.length : 0, `models/${id}: int8 files`);
    const readme = await Deno.readTextFile(join(ROOT, id, "README.md"));
    assert.match(
      readme,
      c.quantized.shipped ? /- int8: `\*_quantized\.onnx` shipped/ : /- int8: not shipped/,
    );
  }
});

Deno.test("zoo files: every card and model README state the model's limits", async () => {
  for (const id of [TEACHER, ...STUDENTS]) {
    const c = JSON.parse(await Deno.readTextFile(join(ROOT, id, "card.json"))) as LimitsCard;
    const readme = await Deno.readTextFile(join(ROOT, id, "README.md"));
    assert.deepEqual(missingLimits(c, readme), [], `models/${id}`);
  }
});
