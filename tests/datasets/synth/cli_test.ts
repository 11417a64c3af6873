import assert from "node:assert/strict";
import { main as datasetsMain } from "../../../src/cli/datasets.ts";
import { runMain } from "../../../src/cli/_run.ts";

const main = (args: readonly string[]): Promise<number> => runMain(datasetsMain, args);

async function quiet<T>(fn: () => Promise<T>): Promise<{ value: T; out: string; err: string }> {
  const log = console.log;
  const error = console.error;
  let out = "";
  let err = "";
  console.log = (...a: unknown[]) => void (out += a.join(" ") + "\n");
  console.error = (...a: unknown[]) => void (err += a.join(" ") + "\n");
  try {
    return { value: await fn(), out, err };
  } finally {
    console.log = log;
    console.error = error;
  }
}

Deno.test("datasets CLI writes a dataset, --check passes, then reports a changed file with exit 1", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const write = await quiet(() => main(["--out", dir, "--only", "translate"]));
    assert.equal(write.value, 0);
    const names = [...Deno.readDirSync(`${dir}/translate`)].map((e) => e.name).sort();
    assert.deepEqual(names, ["manifest.json", "test.jsonl", "train.jsonl.gz", "validation.jsonl"]);
    const ok = await quiet(() => main(["--out", dir, "--only", "translate", "--check"]));
    assert.equal(ok.value, 0, ok.out);
    const path = `${dir}/translate/test.jsonl`;
    const text = await Deno.readTextFile(path);
    await Deno.writeTextFile(path, text.replace("veltic", "veltik"));
    const bad = await quiet(() => main(["--out", dir, "--only", "translate", "--check"]));
    assert.equal(bad.value, 1);
    assert.match(bad.out, /DIFF .*translate\/test\.jsonl: differs/);
    await Deno.remove(`${dir}/translate/manifest.json`);
    const missing = await quiet(() => main(["--out", dir, "--only", "translate", "--check"]));
    assert.equal(missing.value, 1);
    assert.match(missing.out, /manifest\.json: missing/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("datasets CLI rejects an unknown dataset, a bad seed and a bad flag with one line and exit 2", async () => {
  for (const args of [["--only", "nope"], ["--seed", "-3"], ["--bogus"]]) {
    const r = await quiet(() => main(args));
    assert.equal(r.value, 2, args.join(" "));
    assert.match(r.err, /^error: [^\n]+\n$/);
  }
});

Deno.test("datasets CLI --seed writes a manifest with that seed", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.equal(
      (await quiet(() => main(["--out", dir, "--only", "write", "--seed", "5"]))).value,
      0,
    );
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/write/manifest.json`));
    assert.equal(manifest.seed, 5);
    assert.equal(manifest.splits.train.count, 20_000);
    assert.deepEqual(
      [...Deno.readDirSync(`${dir}/write`)].filter((e) => e.name.includes(".tmp")),
      [],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
