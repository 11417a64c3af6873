/**
 * `pullModel` against the local fake hub: the standard cache layout, a second pull that asks
 * nothing, a corrupted file refused and removed, a resumed download, offline use, gated and
 * unknown repositories, revisions and files.
 */
import { assert, assertEquals, assertRejects as rejectsWith } from "../results/_assert.ts";
import { createHash } from "node:crypto";
import { HubError } from "../../src/core/errors.ts";
import {
  cachedModel,
  type HubSettings,
  parseRepoSpec,
  pullModel,
  readHubLock,
} from "../../src/hub/mod.ts";
import { ROOT } from "../cli/_run.ts";
import { type FakeHub, type FakeRepo, repoFromFolder, startFakeHub } from "./_fake_hub.ts";

const MODEL = `${ROOT}/models/eb-dec-base`;
const REPO = "fake/eb-dec-base";
const GATED = "fake/gated";
const TOKEN = "hf_test_token";

const repo = await repoFromFolder(REPO, MODEL, { refs: ["main", "v1"] });
const gated = await repoFromFolder(GATED, MODEL, { gatedToken: TOKEN });

/** Asserts that `fn` rejects with `Class` (and a message containing `text`); returns it. */
async function assertRejects<E extends Error>(
  fn: () => Promise<unknown>,
  Class: new (...args: never[]) => E = Error as never,
  text?: string,
): Promise<E> {
  const err = await rejectsWith(fn, Class);
  if (text !== undefined) assert(err.message.includes(text), `${err.message}\nlacks: ${text}`);
  return err;
}

function assertMatch(text: string, re: RegExp): void {
  assert(re.test(text), `${text}\ndoes not match ${re}`);
}

const sha256 = async (path: string): Promise<string> =>
  createHash("sha256").update(await Deno.readFile(path)).digest("hex");

interface Box {
  hub: FakeHub;
  settings: HubSettings;
  lock: string;
  repoDir: string;
}

async function withHub(fn: (box: Box) => Promise<void>, repos: FakeRepo[] = [repo, gated]) {
  const hub = startFakeHub(repos);
  const base = await Deno.makeTempDir({ prefix: "hub-test-" });
  try {
    await fn({
      hub,
      settings: { endpoint: hub.url, cacheDir: `${base}/cache`, offline: false },
      lock: `${base}/hub.lock.json`,
      repoDir: `${base}/cache/models--fake--eb-dec-base`,
    });
  } finally {
    await hub.close();
    await Deno.remove(base, { recursive: true });
  }
}

const FP32_FILES = [
  "config.json",
  "generation_config.json",
  "onnx/model.onnx",
  "special_tokens_map.json",
  "tokenizer.json",
  "tokenizer_config.json",
];

const resolves = (hub: FakeHub, from = 0) =>
  hub.requests.slice(from).filter((r) =>
    r.path.includes("/resolve/") || r.path.includes("/cdn-lfs/")
  );

Deno.test("a pull lands the dtype's files in the standard cache layout and locks them", async () => {
  await withHub(async ({ hub, settings, lock, repoDir }) => {
    const got = await pullModel(parseRepoSpec(REPO), { settings, dtype: "fp32", lockFile: lock });
    assertEquals(got.sha, repo.sha);
    assertEquals(got.dir, `${repoDir}/snapshots/${repo.sha}`);
    assertEquals(got.files.map((f) => f.path), FP32_FILES);
    assertEquals(await Deno.readTextFile(`${repoDir}/refs/main`), repo.sha);
    // Snapshot files are relative links to blobs named by sha256 (LFS) or the git oid.
    const onnx = await Deno.readLink(`${got.dir}/onnx/model.onnx`);
    const onnxSha = await sha256(`${MODEL}/onnx/model.onnx`);
    assertEquals(onnx, `../../../blobs/${onnxSha}`);
    const config = await Deno.readFile(`${MODEL}/config.json`);
    const gitOid = createHash("sha1").update(`blob ${config.length}\0`).update(config).digest(
      "hex",
    );
    assertEquals(await Deno.readLink(`${got.dir}/config.json`), `../../blobs/${gitOid}`);
    // Only the files the engine needs: no README, card, logs or other dtypes.
    const inSnapshot: string[] = [];
    for await (const e of Deno.readDir(got.dir)) inSnapshot.push(e.name);
    assertEquals(inSnapshot.sort(), [
      "config.json",
      "generation_config.json",
      "onnx",
      "special_tokens_map.json",
      "tokenizer.json",
      "tokenizer_config.json",
    ]);
    for (const f of got.files) {
      assertEquals(await sha256(`${got.dir}/${f.path}`), f.sha256, f.path);
      assertEquals(await sha256(`${MODEL}/${f.path}`), f.sha256, f.path);
    }
    const locked = (await readHubLock(lock)).models[`${REPO}@main`]!;
    assertEquals(locked.sha, repo.sha);
    assertEquals(locked.files, got.files);
    assert(resolves(hub).length > 0);
  });
});

Deno.test("a second pull of a locked model asks the hub nothing; unlocked, it downloads nothing", async () => {
  await withHub(async ({ hub, settings, lock }) => {
    await pullModel(parseRepoSpec(REPO), { settings, dtype: "fp32", lockFile: lock });
    const lockText = await Deno.readTextFile(lock);
    const before = hub.requests.length;
    const again = await pullModel(parseRepoSpec(REPO), { settings, dtype: "fp32", lockFile: lock });
    assertEquals(hub.requests.length, before, JSON.stringify(hub.requests.slice(before)));
    assertEquals(again.fetched, 0);
    assertEquals(await Deno.readTextFile(lock), lockText);
    const unlocked = await pullModel(parseRepoSpec(REPO), { settings, dtype: "fp32" });
    assertEquals(unlocked.fetched, 0);
    assertEquals(resolves(hub, before), [], "no file was fetched");
  });
});

Deno.test("another dtype fetches only its own ONNX file; the lock keeps both", async () => {
  await withHub(async ({ hub, settings, lock }) => {
    await pullModel(parseRepoSpec(REPO), { settings, dtype: "fp32", lockFile: lock });
    const before = hub.requests.length;
    const q8 = await pullModel(parseRepoSpec(REPO), { settings, dtype: "q8", lockFile: lock });
    assert(q8.files.some((f) => f.path === "onnx/model_quantized.onnx"));
    assert(!q8.files.some((f) => f.path === "onnx/model.onnx"));
    const fetched = resolves(hub, before).filter((r) => r.path.includes("/resolve/"));
    assertEquals([...new Set(fetched.map((r) => r.path.split("/").pop()))], [
      "model_quantized.onnx",
    ]);
    const locked = (await readHubLock(lock)).models[`${REPO}@main`]!;
    assertEquals(
      locked.files.map((f) => f.path),
      [...FP32_FILES, "onnx/model_quantized.onnx"].sort(),
    );
  });
});

Deno.test("a download that does not match its sha256 is refused and removed", async () => {
  await withHub(async ({ hub, settings, lock, repoDir }) => {
    hub.corrupt(REPO, "onnx/model.onnx");
    const err = await assertRejects(
      () => pullModel(parseRepoSpec(REPO), { settings, dtype: "fp32", lockFile: lock }),
      HubError,
    );
    assertMatch(
      err.message,
      /onnx\/model\.onnx does not match the Hub's listing \(sha256 [0-9a-f]{64}, expected [0-9a-f]{64}\): the downloaded file was removed/,
    );
    const blobs = [...Deno.readDirSync(`${repoDir}/blobs`)].map((e) => e.name);
    const onnxSha = await sha256(`${MODEL}/onnx/model.onnx`);
    assert(!blobs.some((b) => b.startsWith(onnxSha)), blobs.join(", "));
    await assertRejects(() => Deno.lstat(`${repoDir}/snapshots/${repo.sha}/onnx/model.onnx`));
    await assertRejects(() => Deno.stat(lock), Deno.errors.NotFound);
  });
});

Deno.test("a regular file that does not match its git oid is refused too", async () => {
  await withHub(async ({ hub, settings }) => {
    hub.corrupt(REPO, "tokenizer.json");
    await assertRejects(
      () => pullModel(parseRepoSpec(REPO), { settings, dtype: "fp32" }),
      HubError,
      "tokenizer.json does not match the Hub's listing (git sha1",
    );
  });
});

Deno.test("a partial download is resumed with a Range request", async () => {
  await withHub(async ({ hub, settings, repoDir }) => {
    const bytes = await Deno.readFile(`${MODEL}/onnx/model.onnx`);
    const oid = await sha256(`${MODEL}/onnx/model.onnx`);
    const half = Math.floor(bytes.length / 2);
    await Deno.mkdir(`${repoDir}/blobs`, { recursive: true });
    await Deno.writeFile(`${repoDir}/blobs/${oid}.incomplete`, bytes.subarray(0, half));
    const got = await pullModel(parseRepoSpec(REPO), { settings, dtype: "fp32" });
    const ranged = hub.requests.filter((r) => r.path.includes(`/cdn-lfs/`) && r.range !== null);
    assert(
      ranged.some((r) => r.range === `bytes=${half}-${bytes.length - 1}`),
      JSON.stringify(ranged),
    );
    assertEquals(await sha256(`${got.dir}/onnx/model.onnx`), oid);
    await assertRejects(
      () => Deno.stat(`${repoDir}/blobs/${oid}.incomplete`),
      Deno.errors.NotFound,
    );
  });
});

Deno.test("offline: an empty cache is an error naming it; a pulled model needs no request", async () => {
  await withHub(async ({ hub, settings }) => {
    const offline = { ...settings, offline: true };
    const err = await assertRejects(
      () => pullModel(parseRepoSpec(REPO), { settings: offline, dtype: "fp32" }),
      HubError,
    );
    assertMatch(err.message, /^offline, and fake\/eb-dec-base@main is not in the Hub cache /);
    assert(err.message.includes(settings.cacheDir), err.message);
    assertEquals(hub.requests, []);
    const online = await pullModel(parseRepoSpec(REPO), { settings, dtype: "fp32" });
    const before = hub.requests.length;
    const again = await pullModel(parseRepoSpec(REPO), { settings: offline, dtype: "fp32" });
    assertEquals(again.files, online.files);
    assertEquals(hub.requests.length, before);
  });
});

Deno.test("a gated repository needs a token, and pulls with one", async () => {
  await withHub(async ({ settings }) => {
    await assertRejects(
      () => pullModel(parseRepoSpec(GATED), { settings, dtype: "fp32" }),
      HubError,
      "fake/gated is gated: a token is needed: set HF_TOKEN",
    );
    await assertRejects(
      () =>
        pullModel(parseRepoSpec(GATED), {
          settings: { ...settings, token: "hf_other" },
          dtype: "fp32",
        }),
      HubError,
      "fake/gated is gated: HF_TOKEN cannot read it",
    );
    const got = await pullModel(parseRepoSpec(GATED), {
      settings: { ...settings, token: TOKEN },
      dtype: "fp32",
    });
    assertEquals(got.files.map((f) => f.path), FP32_FILES);
  });
});

Deno.test("an unknown repository, revision or dtype file is one error naming it", async () => {
  await withHub(async ({ settings }) => {
    const pull = (spec: string, dtype = "fp32", s = settings) =>
      pullModel(parseRepoSpec(spec), { settings: s, dtype });
    await assertRejects(
      () => pull("fake/nope"),
      HubError,
      "repository not found: fake/nope (if it is private or gated, a token is needed: set HF_TOKEN)",
    );
    await assertRejects(
      () => pull("fake/nope", "fp32", { ...settings, token: TOKEN }),
      HubError,
      "repository not found: fake/nope",
    );
    await assertRejects(
      () => pull(`${REPO}@nope`),
      HubError,
      "revision not found: fake/eb-dec-base@nope",
    );
    await assertRejects(
      () => pull(REPO, "q4"),
      HubError,
      "missing file: model_q4.onnx (dtype q4; dtypes present: fp32, q8)",
    );
  });
});

Deno.test("a tag and a sha resolve to the commit; a sha writes no ref", async () => {
  await withHub(async ({ settings, repoDir }) => {
    const byTag = await pullModel(parseRepoSpec(`${REPO}@v1`), { settings, dtype: "fp32" });
    assertEquals(byTag.sha, repo.sha);
    assertEquals(await Deno.readTextFile(`${repoDir}/refs/v1`), repo.sha);
    await Deno.remove(`${repoDir}/refs`, { recursive: true });
    const bySha = await pullModel(parseRepoSpec(`${REPO}@${repo.sha}`), {
      settings,
      dtype: "fp32",
    });
    assertEquals(bySha.dir, byTag.dir);
    await assertRejects(() => Deno.stat(`${repoDir}/refs`), Deno.errors.NotFound);
  });
});

Deno.test("cachedModel finds a pulled model with no request, or gives the pull command", async () => {
  await withHub(async ({ hub, settings }) => {
    const spec = parseRepoSpec(REPO);
    await assertRejects(
      () => cachedModel(spec, { cacheDir: settings.cacheDir, dtype: "fp32" }),
      HubError,
      `run: deno task pull model ${REPO}`,
    );
    const pulled = await pullModel(spec, { settings, dtype: "fp32" });
    const before = hub.requests.length;
    const found = await cachedModel(spec, { cacheDir: settings.cacheDir, dtype: "fp32" });
    assertEquals(found, { sha: pulled.sha, dir: pulled.dir, files: FP32_FILES });
    await assertRejects(
      () => cachedModel(spec, { cacheDir: settings.cacheDir, dtype: "q8" }),
      HubError,
      `run: deno task pull model ${REPO} --dtype q8`,
    );
    assertEquals(hub.requests.length, before);
  });
});
