/**
 * `deno task pull dataset` against the local fake hub, with exactly the permissions deno.json
 * grants it, end to end: parquet files into the Hub cache's dataset layout, the samples and
 * their pinned manifest into `<datasets-dir>/hub/`, then `deno task eval` of the WMT task on a
 * zoo model reads them (no network, no environment variable) and records a cell. Bad input is
 * one `error:` line, exit 2, and nothing written.
 */
import { assert, assertEquals } from "../results/_assert.ts";
import { createHash } from "node:crypto";
import { readStore } from "../../src/results/mod.ts";
import { datasetRepo, startFakeHub } from "../hub/_fake_hub.ts";
import { flatParquet, wmtParquet } from "../hub/_parquet.ts";
import { task } from "./_run.ts";

const REPO = "wmt/wmt14";
const REV = "refs/convert/parquet";
const TEST = wmtParquet([
  { de: "Das Haus ist klein.", en: "The house is small." },
  { de: "Ich bin hier.", en: "I am here." },
  { de: "Guten Morgen.", en: "Good morning." },
]);
const wmt = datasetRepo(REPO, [
  { path: "de-en/test/0000.parquet", bytes: TEST },
  { path: "de-en/validation/0000.parquet", bytes: wmtParquet([{ de: "Ja.", en: "Yes." }]) },
  { path: "fr-en/test/0000.parquet", bytes: flatParquet([{ fr: "Oui." }]) },
  { path: "README.md", bytes: new TextEncoder().encode("---\nlicense: unknown\n---\n") },
], { cardData: { license: "unknown" } });
const gated = datasetRepo("fake/gated-data", [
  { path: "default/test/0000.parquet", bytes: flatParquet([{ text: "x" }]) },
], { gatedToken: "hf_secret" });
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function sandbox(): Promise<{ base: string; env: Record<string, string> }> {
  const base = await Deno.makeTempDir({ prefix: "pull-dataset-test-" });
  await Deno.mkdir(`${base}/tmp`);
  await Deno.mkdir(`${base}/datasets`);
  return {
    base,
    env: { HF_HUB_CACHE: `${base}/cache`, HF_TOKEN: "", HF_HUB_OFFLINE: "", TMPDIR: `${base}/tmp` },
  };
}

function assertOneErrorLine(
  out: { code: number; stdout: string; stderr: string },
  ...parts: string[]
) {
  assertEquals(out.code, 2, out.stdout + out.stderr);
  const lines = out.stderr.trimEnd().split("\n");
  assertEquals(lines.filter((l) => l.startsWith("error: ")).length, 1, out.stderr);
  const last = lines.at(-1)!;
  assert(last.startsWith("error: "), out.stderr);
  for (const p of parts) assert(last.includes(p), `${last}\nlacks: ${p}`);
}

Deno.test("pull a dataset into the cache and the sample form, then eval the WMT task on it", async () => {
  const hub = startFakeHub([wmt]);
  const { base, env } = await sandbox();
  try {
    const hubEnv = { ...env, HF_ENDPOINT: hub.url };
    const lock = `${base}/hub.lock.json`;
    const args = ["dataset", REPO, "--config", "de-en", "--split", "test"];
    const flags = ["--datasets-dir", `${base}/datasets`, "--lock", lock];
    const pulled = await task("pull", [...args, ...flags], { env: hubEnv });
    assertEquals(pulled.code, 0, pulled.stderr);
    const dir = `${base}/datasets/hub/wmt--wmt14/de-en`;
    assertEquals(pulled.stdout.trim(), dir);
    // The Hub cache's dataset layout, as Python's huggingface_hub writes it.
    const repoDir = `${base}/cache/datasets--wmt--wmt14`;
    assertEquals((await Deno.readTextFile(`${repoDir}/refs/${REV}`)).trim(), wmt.sha);
    const link = `${repoDir}/snapshots/${wmt.sha}/de-en/test/0000.parquet`;
    assertEquals(await Deno.readLink(link), `../../../../blobs/${sha256(TEST)}`);
    assertEquals(await Deno.stat(`${repoDir}/snapshots/${wmt.sha}/fr-en`).catch(() => null), null);
    // Lock and manifest pin the commit and the file's sha256.
    const locked = JSON.parse(await Deno.readTextFile(lock)).datasets[`${REPO}@${REV}`];
    assertEquals(locked.sha, wmt.sha);
    assertEquals(locked.files, [{
      path: "de-en/test/0000.parquet",
      size: TEST.length,
      sha256: sha256(TEST),
    }]);
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
    assertEquals(manifest.source.sha, wmt.sha);
    assertEquals(manifest.source.files.test[0].sha256, sha256(TEST));
    assertEquals(manifest.licence, "unknown");
    const jsonl = await Deno.readTextFile(`${dir}/test.jsonl`);
    assertEquals(manifest.splits.test.sha256, sha256(new TextEncoder().encode(jsonl)));
    assertEquals(JSON.parse(jsonl.split("\n")[0]!), {
      translation: { de: "Das Haus ist klein.", en: "The house is small." },
    });
    // A second pull asks the hub nothing.
    const before = hub.requests.length;
    const again = await task("pull", [...args, ...flags], { env: hubEnv });
    assertEquals(again.code, 0, again.stderr);
    assertEquals(hub.requests.length, before);
    assert(again.stderr.includes("test: 3 rows"), again.stderr);
    // Eval reads the pulled data: no hub, no WMT14_PATH.
    const out = `${base}/results`;
    const evaluated = await task("eval", [
      "--models",
      "eb-dec-base",
      "--tasks",
      "wmt14_en_de",
      "--datasets-dir",
      `${base}/datasets`,
      "--no-references",
      "--targets",
      "cpu-1t",
      "--limit",
      "2",
      "--profile",
      "quality",
      "--out",
      out,
    ], { env: { ...env, CI: "1" } });
    assertEquals(evaluated.code, 0, evaluated.stdout + evaluated.stderr);
    const cells = (await readStore(out, { strict: true })).cells;
    assertEquals(cells.map((c) => [c.model.id, c.task?.id, c.status]), [
      ["eb-dec-base", "wmt14_en_de", "ok"],
    ]);
    assertEquals(cells[0]!.task?.datasetSha256, manifest.splits.test.sha256);
  } finally {
    await hub.close();
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("pull dataset's refusals are one error line each, exit 2, nothing written", async () => {
  const hub = startFakeHub([wmt, gated]);
  const { base, env } = await sandbox();
  try {
    hub.corrupt(REPO, "de-en/validation/0000.parquet");
    const hubEnv = { ...env, HF_ENDPOINT: hub.url };
    const flags = ["--datasets-dir", `${base}/datasets`, "--lock", `${base}/hub.lock.json`];
    const pull = (args: string[], e: Record<string, string> = hubEnv) =>
      task("pull", ["dataset", ...args, ...flags], { env: e });
    const [nope, config, split, mismatch, offline, gate, dtype, notPulled] = await Promise.all([
      pull(["fake/nope"]),
      pull([REPO, "--config", "xx-yy"]),
      pull([REPO, "--config", "de-en", "--split", "dev"]),
      pull([REPO, "--config", "de-en", "--split", "validation"]),
      pull([REPO, "--config", "de-en"], { ...hubEnv, HF_HUB_OFFLINE: "1" }),
      pull(["fake/gated-data"]),
      pull([REPO, "--dtype", "q4"]),
      task("eval", [
        "--models",
        "eb-dec-base",
        "--tasks",
        "wmt14_en_de",
        "--datasets-dir",
        `${base}/datasets`,
        "--out",
        `${base}/results`,
      ], { env }),
    ]);
    assertOneErrorLine(nope, "repository not found: fake/nope");
    assertOneErrorLine(config, 'no config "xx-yy"', "de-en, fr-en");
    assertOneErrorLine(split, 'no split "dev"', "test, validation");
    assertOneErrorLine(mismatch, "de-en/validation/0000.parquet does not match", "removed");
    assertOneErrorLine(offline, "offline", `${base}/cache`);
    assertOneErrorLine(gate, "fake/gated-data is gated", "a token is needed: set HF_TOKEN");
    assertOneErrorLine(dtype, "--dtype is for pull model");
    assertEquals(notPulled.code, 2, notPulled.stdout + notPulled.stderr);
    assert(
      notPulled.stderr.includes(
        "run: deno task pull dataset wmt/wmt14 --config de-en --split test",
      ),
      notPulled.stderr,
    );
    for (const p of [`${base}/hub.lock.json`, `${base}/results`, `${base}/datasets/hub`]) {
      assert(await Deno.stat(p).then(() => false, () => true), `${p} was written`);
    }
    const blobs = `${base}/cache/datasets--wmt--wmt14/blobs`;
    const left = await Array.fromAsync(Deno.readDir(blobs)).catch(() => []);
    assertEquals(left.filter((e) => e.name.endsWith(".incomplete")), []);
  } finally {
    await hub.close();
    await Deno.remove(base, { recursive: true });
  }
});
