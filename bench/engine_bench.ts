/**
 * Engine benchmark: on the same model files and prompts, side by side in one
 * process, this engine vs transformers.js vs a bare `session.run` loop (the
 * floor: prefill, then one token per step feeding presents back as pasts,
 * argmax, nothing else). Prints decode tokens/s and the ratios against the
 * targets (docs/benchmarks.md): decode tokens/s at batch 1 at least
 * transformers.js's and at the floor, >= 97% of decode wall time inside
 * session.run, batch 8 >= 3x the examples/s of batch 1.
 *
 * Decode tokens/s for all three runners is measured the same way, from
 * outside: per repetition, (N - 1) / (T(N) - T(1)), T(n) the wall time to
 * generate n tokens (eos ignored), so tokenisation, encoder and prefill cancel
 * out. The three contestants run round-robin (rotating who goes first) over
 * REPS repetitions, so machine load drifts hit all of them alike; the tables
 * give the median and the p25-p75 spread over the repetitions.
 *
 * @module
 */
import { join } from "node:path";
import {
  AutoModelForCausalLM,
  AutoModelForSeq2SeqLM,
  env,
  Tensor,
} from "@huggingface/transformers";
import { builtinTargets, loadModel } from "../src/engine/mod.ts";
import { ort } from "../src/targets/ort.ts";

const N = 128;
const REPS = 15;
const BATCH_REPS = 5;
/** Prompt length (tokens) of the short-prompt batch comparison. */
const SHORT = 24;
const ROOT = new URL("../", import.meta.url).pathname;

async function modelDirs(): Promise<string[]> {
  for (const base of [join(ROOT, "models"), join(ROOT, ".tmp", "zoo-tiny")]) {
    const picked = new Map<string, string>();
    try {
      for await (const e of Deno.readDir(base)) {
        if (!e.isDirectory) continue;
        try {
          const cfg = JSON.parse(await Deno.readTextFile(join(base, e.name, "config.json")));
          const key = cfg.model_type === "llama" ? "llama" : cfg.model_type === "t5" ? "t5" : "";
          if (key && (!picked.has(key) || e.name.includes("base"))) {
            picked.set(key, join(base, e.name));
          }
        } catch { /* not a model */ }
      }
    } catch { /* no folder */ }
    if (picked.size > 0) return [...picked.values()].sort();
  }
  return [];
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function wall(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Session thread settings applied alike to all three contestants. */
type Threads = { intraOpNumThreads?: number; interOpNumThreads?: number };

/** One contestant: generate n new tokens (eos ignored) from the bench prompt. */
type Contestant = { name: string; gen: (n: number) => Promise<unknown>; tps: number[] };

/** Round-robin: each repetition times T(1) and T(N) for every contestant, rotating the order. */
async function roundRobin(cs: Contestant[]): Promise<void> {
  for (const c of cs) {
    await c.gen(1);
    await c.gen(N);
  }
  for (let r = 0; r < REPS; r++) {
    for (let k = 0; k < cs.length; k++) {
      const c = cs[(r + k) % cs.length]!;
      const t1 = await wall(() => c.gen(1));
      const tN = await wall(() => c.gen(N));
      c.tps.push((N - 1) / ((tN - t1) / 1000));
    }
  }
}

function stat(xs: number[], digits = 0): string {
  return `${fmt(quantile(xs, 0.5), digits)} (${fmt(quantile(xs, 0.25), digits)}-${
    fmt(quantile(xs, 0.75), digits)
  })`;
}

function i64(ids: number[], dims: number[]): ort.Tensor {
  return new ort.Tensor("int64", BigInt64Array.from(ids.map(BigInt)), dims);
}

function argmaxLast(t: ort.Tensor): number {
  const v = t.dims[2]!;
  const s = t.dims[1]!;
  const d = t.data as Float32Array;
  let best = 0;
  for (let i = 1; i < v; i++) if (d[(s - 1) * v + i]! > d[(s - 1) * v + best]!) best = i;
  return best;
}

/** The floor: bare session.run loop over the recipe's Optimum layout, batch 1. */
async function floorRunner(dir: string, isEncDec: boolean, threads: Threads) {
  const cfg = JSON.parse(await Deno.readTextFile(join(dir, "config.json")));
  const kv = cfg.num_key_value_heads as number;
  const hd = cfg.head_dim as number;
  const opts = { graphOptimizationLevel: "all" as const, logSeverityLevel: 3 as const, ...threads };
  const dec = await ort.InferenceSession.create(
    join(dir, "onnx", isEncDec ? "decoder_model_merged.onnx" : "model.onnx"),
    opts,
  );
  const enc = isEncDec
    ? await ort.InferenceSession.create(join(dir, "onnx", "encoder_model.onnx"), opts)
    : undefined;
  const pastNames = dec.inputNames.filter((n) => n.startsWith("past_key_values"));
  const empty = new ort.Tensor("float32", new Float32Array(0), [1, kv, 0, hd]);
  const run = async (ids: number[], n: number): Promise<number> => {
    let past: Record<string, ort.Tensor> = {};
    for (const p of pastNames) past[p] = empty;
    const extra: Record<string, ort.Tensor> = {};
    let cur = isEncDec ? [cfg.decoder_start_token_id as number] : ids;
    if (enc) {
      const m = i64(ids.map(() => 1), [1, ids.length]);
      const out = await enc.run({ input_ids: i64(ids, [1, ids.length]), attention_mask: m });
      extra.encoder_hidden_states = out.last_hidden_state!;
      extra.encoder_attention_mask = m;
    }
    let total = cur.length;
    let last = 0;
    for (let step = 0; step < n; step++) {
      const feeds: Record<string, ort.Tensor> = {
        ...past,
        ...extra,
        input_ids: i64(cur, [1, cur.length]),
      };
      if (isEncDec) {
        feeds.use_cache_branch = new ort.Tensor("bool", Uint8Array.from([step > 0 ? 1 : 0]), [1]);
      } else {
        feeds.attention_mask = i64(new Array(total).fill(1), [1, total]);
        feeds.position_ids = i64(cur.map((_, i) => total - cur.length + i), [1, cur.length]);
      }
      const out = await dec.run(feeds);
      last = argmaxLast(out.logits!);
      const next: Record<string, ort.Tensor> = {};
      for (const p of pastNames) {
        next[p] = p.includes(".encoder.") && step > 0
          ? past[p]!
          : out[p.replace("past_key_values", "present")]!;
      }
      past = next;
      cur = [last];
      total++;
    }
    return last;
  };
  return {
    run,
    dispose: async () => {
      await dec.release();
      await enc?.release();
    },
  };
}

function fmt(x: number, digits = 1): string {
  return x.toFixed(digits);
}

/** Runs the benchmark and prints its tables. */
export default async function engineBench(): Promise<void> {
  const dirs = await modelDirs();
  if (dirs.length === 0) {
    console.log("no llama- or t5-type model under models/ or .tmp/zoo-tiny: nothing to measure");
    return;
  }
  // EB_BENCH_TARGET=cpu-1t runs all three contestants on one intra-op thread
  const wanted = Deno.env.get("EB_BENCH_TARGET") ?? "cpu";
  const target = builtinTargets().find((t) => t.id === wanted) ?? builtinTargets()[0]!;
  const threads: Threads = target.id === "cpu-1t"
    ? { intraOpNumThreads: 1, interOpNumThreads: 1 }
    : {};
  console.log(
    `Decode tokens/s at batch 1 over ${N} new tokens, median (p25-p75) of ${REPS} round-robin ` +
      `repetitions, CPU target \`${target.id}\`.\n`,
  );
  console.log(
    `| model | engine tok/s | transformers.js tok/s | floor tok/s | engine / tjs (>= 1) | engine / floor (~1) | in session.run (>= 97%) | batch 8 / batch 1 ex/s (>= 3) | same, prompts cut to ${SHORT} tokens |`,
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const dir of dirs) {
    const cfg = JSON.parse(await Deno.readTextFile(join(dir, "config.json")));
    const isEncDec = cfg.is_encoder_decoder === true;
    const ref = JSON.parse(await Deno.readTextFile(join(dir, "reference.json")));
    const prompts: number[][] = ref.items.map((it: { input_ids: number[] }) => it.input_ids);
    const ids = prompts[0]!;
    const name = dir.split("/").pop()!;
    const model = await loadModel(dir, { target });
    const opts = { ignoreEos: true } as const;
    const inRun: number[] = [];
    const engine: Contestant = {
      name: "engine",
      tps: [],
      gen: (n) => model.generate([{ inputIds: ids }], { ...opts, maxNewTokens: n }),
    };

    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${join(dir, "..")}/`;
    const Auto = isEncDec ? AutoModelForSeq2SeqLM : AutoModelForCausalLM;
    const tj = await Auto.from_pretrained(name, {
      dtype: "fp32",
      device: "cpu",
      session_options: threads,
    });
    const tjs: Contestant = {
      name: "transformers.js",
      tps: [],
      gen: (n) =>
        tj.generate({
          inputs: new Tensor("int64", BigInt64Array.from(ids.map(BigInt)), [1, ids.length]),
          attention_mask: new Tensor("int64", new BigInt64Array(ids.length).fill(1n), [
            1,
            ids.length,
          ]),
          max_new_tokens: n,
          min_new_tokens: n,
          do_sample: false,
        }),
    };
    const floor = await floorRunner(dir, isEncDec, threads);
    const flo: Contestant = { name: "floor", tps: [], gen: (n) => floor.run(ids, n) };
    await roundRobin([engine, tjs, flo]);
    await tj.dispose();
    await floor.dispose();

    // share of decode wall time inside session.run, from the engine's own timings
    for (let r = 0; r < REPS; r++) {
      const [r1] = await model.generate([{ inputIds: ids }], { ...opts, maxNewTokens: 1 });
      const [rN] = await model.generate([{ inputIds: ids }], { ...opts, maxNewTokens: N });
      inRun.push(
        (rN!.timings.sessionRunMs - r1!.timings.sessionRunMs) /
          (rN!.timings.batchMs - r1!.timings.batchMs) * 100,
      );
    }
    // batch 8 vs batch 1 examples/s over 16 prompts, interleaved; then the same prompts cut
    // to their first SHORT tokens, where a row's per-step work (attention over its cache, the
    // cache copies of present -> past) is small next to the step's fixed cost
    const batchRatio = async (cut: number) => {
      const sixteen = Array.from(
        { length: 16 },
        (_, i) => ({ inputIds: prompts[i % prompts.length]!.slice(0, cut) }),
      );
      const gen = (batchSize: number) =>
        model.generate(sixteen, { ...opts, maxNewTokens: N, batchSize, groupByLength: true });
      await gen(8);
      const ratio: number[] = [];
      for (let r = 0; r < BATCH_REPS; r++) {
        const b1 = await wall(() => gen(1));
        const b8 = await wall(() => gen(8));
        ratio.push(b1 / b8);
      }
      return ratio;
    };
    const ratio = await batchRatio(Infinity);
    const ratioShort = await batchRatio(SHORT);
    await model.dispose();

    const ratios = (a: number[], b: number[]) => a.map((x, i) => x / b[i]!);
    console.log(
      `| ${name} (${cfg.model_type}) | ${stat(engine.tps)} | ${stat(tjs.tps)} | ${
        stat(flo.tps)
      } | ${stat(ratios(engine.tps, tjs.tps), 2)}x | ${stat(ratios(engine.tps, flo.tps), 2)}x | ${
        stat(inRun, 1)
      }% | ${stat(ratio, 2)}x | ${stat(ratioShort, 2)}x |`,
    );
  }
}

if (import.meta.main) await engineBench();
