/**
 * `deno task pull` against the local fake hub, with exactly the permissions deno.json grants
 * it (network to HF_ENDPOINT's host, the cache and the lock file), and end to end: pull, then
 * `deno task eval --models fake/eb-dec-base`, then `deno task report` shows the row.
 */
import { assert, assertEquals } from "../results/_assert.ts";
import { readStore } from "../../src/results/mod.ts";
import { hashModelDir } from "../../src/results/hash.ts";
import { repoFromFolder, startFakeHub } from "../hub/_fake_hub.ts";
import { ROOT, task } from "./_run.ts";

const REPO = "fake/eb-dec-base";
const DATASETS = `${ROOT}/tests/fixtures/datasets/shipped`;
const repo = await repoFromFolder(REPO, `${ROOT}/models/eb-dec-base`, {
  skip: (p) => p.endsWith(".csv") || p === "reference.json",
});
const gated = await repoFromFolder("fake/gated", `${ROOT}/models/eb-dec-base`, {
  gatedToken: "hf_secret",
  skip: (p) => p.endsWith(".csv") || p === "reference.json",
});

async function sandbox(): Promise<{ base: string; env: Record<string, string> }> {
  const base = await Deno.makeTempDir({ prefix: "pull-test-" });
  await Deno.mkdir(`${base}/tmp`);
  return {
    base,
    env: { HF_HUB_CACHE: `${base}/cache`, HF_TOKEN: "", HF_HUB_OFFLINE: "", TMPDIR: `${base}/tmp` },
  };
}

/**
 * Asserts exit 2 and one `error: ` line on stderr, its last line (progress lines may come
 * before it), containing each of `parts`.
 */
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

Deno.test("pull, then eval a Hub model by its repo id, then the report shows its row", async () => {
  const hub = startFakeHub([repo]);
  const { base, env } = await sandbox();
  try {
    const hubEnv = { ...env, HF_ENDPOINT: hub.url };
    const lock = `${base}/hub.lock.json`;
    const pulled = await task("pull", ["model", REPO, "--lock", lock], { env: hubEnv });
    assertEquals(pulled.code, 0, pulled.stderr);
    const dir = pulled.stdout.trim();
    assertEquals(dir, `${base}/cache/models--fake--eb-dec-base/snapshots/${repo.sha}`);
    assert(/onnx\/model\.onnx {2}6\.8 MiB {2}downloaded in/.test(pulled.stderr), pulled.stderr);
    // A second pull asks the hub nothing.
    const before = hub.requests.length;
    const again = await task("pull", ["model", REPO, "--lock", lock], { env: hubEnv });
    assertEquals(again.code, 0, again.stderr);
    assertEquals(hub.requests.length, before);
    // Eval never downloads: no HF_ENDPOINT needed.
    const out = `${base}/results`;
    const evaluated = await task("eval", [
      "--models",
      REPO,
      "--tasks",
      "qa",
      "--datasets-dir",
      DATASETS,
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
    assertEquals(cells.map((c) => [c.model.id, c.status]), [[REPO, "ok"]]);
    const files = JSON.parse(await Deno.readTextFile(lock)).models[`${REPO}@main`].files.map(
      (f: { path: string }) => f.path,
    );
    assertEquals(cells[0]!.model.sha256, (await hashModelDir(dir, files)).sha256);
    const report = await task("report", ["--results", out]);
    assertEquals(report.code, 0, report.stderr);
    assert(report.stdout.includes(REPO), report.stdout);
  } finally {
    await hub.close();
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("pull's and eval's refusals are one error line each, exit 2", async () => {
  const hub = startFakeHub([repo, gated]);
  const { base, env } = await sandbox();
  try {
    const hubEnv = { ...env, HF_ENDPOINT: hub.url };
    const lock = ["--lock", `${base}/hub.lock.json`];
    const [nope, rev, dtype, gate, offline, bad, notPulled] = await Promise.all([
      task("pull", ["model", "fake/nope", ...lock], { env: hubEnv }),
      task("pull", ["model", `${REPO}@nope`, ...lock], { env: hubEnv }),
      task("pull", ["model", REPO, "--dtype", "q4", ...lock], { env: hubEnv }),
      task("pull", ["model", "fake/gated", ...lock], { env: hubEnv }),
      task("pull", ["model", REPO, ...lock], { env: { ...hubEnv, HF_HUB_OFFLINE: "1" } }),
      task("pull", ["model", "no-slash", ...lock], { env: hubEnv }),
      task("eval", ["--models", `${REPO}@v2`, "--out", `${base}/results`], { env }),
    ]);
    assertOneErrorLine(nope, "repository not found: fake/nope", "HF_TOKEN");
    assertOneErrorLine(rev, "revision not found: fake/eb-dec-base@nope");
    assertOneErrorLine(dtype, "model_q4.onnx", "dtypes present: fp32, q8");
    assertOneErrorLine(gate, "fake/gated is gated", "a token is needed: set HF_TOKEN");
    assertOneErrorLine(offline, "offline", `${base}/cache`);
    assertOneErrorLine(bad, "not a Hub repository id", "no-slash");
    assertOneErrorLine(notPulled, `${base}/cache`, `run: deno task pull model ${REPO}@v2`);
    await Promise.all(
      [`${base}/hub.lock.json`, `${base}/results`].map(async (p) => {
        const gone = await Deno.stat(p).then(() => false, () => true);
        assert(gone, `${p} was written`);
      }),
    );
  } finally {
    await hub.close();
    await Deno.remove(base, { recursive: true });
  }
});
