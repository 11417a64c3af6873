/** Hub models in the catalog: read from the cache only, with their repo id and dtype files. */
import { assert, assertEquals, assertRejects } from "../results/_assert.ts";
import { ConfigError, HubError } from "../../src/core/errors.ts";
import { readHubModels } from "../../src/catalog/mod.ts";
import { parseRepoSpec, pullModel } from "../../src/hub/mod.ts";
import { repoFromFolder, startFakeHub } from "../hub/_fake_hub.ts";
import { ROOT } from "../cli/_run.ts";

Deno.test("a pulled Hub model is a catalog entry named by its repo id; globs and repeats are refused", async () => {
  const repo = await repoFromFolder("fake/eb-dec-base", `${ROOT}/models/eb-dec-base`);
  const hub = startFakeHub([repo]);
  const cacheDir = await Deno.makeTempDir();
  try {
    await assertRejects(() => readHubModels(["fake/eb-dec-base"], { cacheDir }), HubError);
    await pullModel(parseRepoSpec("fake/eb-dec-base"), {
      settings: { endpoint: hub.url, cacheDir, offline: false },
      dtype: "fp32",
    });
    const [entry] = await readHubModels(["fake/eb-dec-base@main"], { cacheDir });
    assertEquals(entry!.id, "fake/eb-dec-base");
    assertEquals(entry!.info.id, "fake/eb-dec-base");
    assertEquals(entry!.info.architecture, "decoder-only");
    assertEquals(entry!.info.role, "external");
    assert(entry!.dir.endsWith(`/snapshots/${repo.sha}`), entry!.dir);
    assertEquals(entry!.files?.includes("onnx/model.onnx"), true);
    await assertRejects(() => readHubModels(["fake/*"], { cacheDir }), ConfigError);
    await assertRejects(
      () => readHubModels(["fake/eb-dec-base", "fake/eb-dec-base@v2"], { cacheDir }),
      ConfigError,
    );
  } finally {
    await hub.close();
    await Deno.remove(cacheDir, { recursive: true });
  }
});
