/**
 * Test helpers: the model folders to test (committed zoo under models/, or the
 * tiny zoo in .tmp/zoo-tiny while models/ has none) and their references.
 *
 * @module
 */
import { join } from "node:path";

/** One item of a model's reference.json. */
export interface RefItem {
  readonly input_ids: number[];
  readonly output_ids: number[];
  readonly first_logits: { readonly shape: number[]; readonly base64: string };
}

/** A model's reference.json. */
export interface Reference {
  readonly max_new_tokens: number;
  readonly items: RefItem[];
}

const ROOT = new URL("../../", import.meta.url).pathname;

/** The zoo's teacher. */
export const ZOO_TEACHER = "eb-teacher";

/** The zoo's seven students (same parameter count and training budget). */
export const ZOO_STUDENTS: readonly string[] = [
  "eb-dec-base",
  "eb-dec-kd",
  "eb-ed23-base",
  "eb-ed23-kd",
  "eb-ed12-base",
  "eb-ed13-base",
  "eb-t5-base",
];

/** Every model id of the zoo, teacher first. */
export const ZOO_IDS: readonly string[] = [ZOO_TEACHER, ...ZOO_STUDENTS];

async function foldersWithReference(base: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(base)) {
      if (!e.isDirectory) continue;
      try {
        await Deno.stat(join(base, e.name, "reference.json"));
        out.push(join(base, e.name));
      } catch { /* not a model folder */ }
    }
  } catch { /* no such folder */ }
  return out.sort();
}

/** Model folders with a reference.json: models/* first, else .tmp/zoo-tiny/*. */
export async function zooFolders(): Promise<string[]> {
  const committed = await foldersWithReference(join(ROOT, "models"));
  if (committed.length > 0) return committed;
  return await foldersWithReference(join(ROOT, ".tmp", "zoo-tiny"));
}

/** The int8 rule of check_onnx.ts: int8 files ship when their first-step argmax agrees with
 * the fp32 reference on at least half the inputs (`agree` as card.json writes it: "15/16"). */
export function int8ShouldShip(agree: string): boolean {
  const [k, n] = agree.split("/").map(Number) as [number, number];
  return k >= Math.ceil(n / 2);
}

/** Reads a folder's reference.json. */
export async function readReference(dir: string): Promise<Reference> {
  return JSON.parse(await Deno.readTextFile(join(dir, "reference.json")));
}

/** Decodes base64 little-endian float32. */
export function float32FromBase64(b64: string): Float32Array {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Float32Array(bytes.buffer);
}

/** Largest absolute difference. */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < Math.min(a.length, b.length); i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** The parts of a card.json that its `limits` are made from (models/recipe/cards.py). */
export interface LimitsCard {
  readonly id: string;
  readonly distillation: unknown;
  readonly limits?: unknown;
  readonly validation: {
    readonly scores: Record<string, Record<string, number>>;
    readonly trivial_baseline: Record<string, Record<string, number>>;
    readonly metrics: Record<string, string>;
  };
}

/**
 * What a model card's `limits` and its README fail to state, as messages (none: all there):
 * every card says it is a one-seed fixture on synthetic data, a distilled student that its
 * targets are ground truth, the teacher that it is not stronger than its students, and each
 * task whose score is not above the trivial baseline names that task and its score; the README
 * lists every limit.
 */
export function missingLimits(card: LimitsCard, readme: string): string[] {
  const where = `${card.id}: card.json limits`;
  const limits = card.limits;
  if (!Array.isArray(limits) || limits.length === 0) return [`${where}: missing`];
  const text = limits.map(String);
  const out: string[] = [];
  const need = (re: RegExp, why: string) => {
    if (!text.some((l) => re.test(l))) out.push(`${where}: nothing says ${why}`);
  };
  need(/single run with one seed.*synthetic data/, "it is a one-seed fixture on synthetic data");
  if (card.distillation) need(/ground-truth targets/, "the distillation targets are ground truth");
  if (card.id === ZOO_TEACHER) need(/not stronger than its students/, "the teacher is weaker");
  const { scores, trivial_baseline: base, metrics } = card.validation;
  for (const [task, s] of Object.entries(scores)) {
    const m = metrics[task]!;
    if (s[m]! > base[task]![m]!) continue;
    const named = `${task} ${s[m]!.toFixed(3)} against ${base[task]![m]!.toFixed(3)}`;
    if (!text.some((l) => l.includes(named))) out.push(`${where}: does not name ${named}`);
  }
  if (!readme.includes("\nLimits:\n")) out.push(`${card.id}: README.md has no Limits list`);
  for (const l of text) {
    if (!readme.includes(`\n- ${l}\n`)) out.push(`${card.id}: README.md lacks limit "${l}"`);
  }
  return out;
}
