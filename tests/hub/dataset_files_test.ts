import { assertEquals, assertThrows } from "../results/_assert.ts";
import { HubError } from "../../src/core/errors.ts";
import { parquetLayout, selectParquetFiles } from "../../src/hub/dataset_files.ts";
import { readHubLock, withModel, writeHubLock } from "../../src/hub/lock_file.ts";

const plain = (m: Map<string, Map<string, string[]>>) =>
  Object.fromEntries([...m].map(([c, s]) => [c, Object.fromEntries(s)]));

Deno.test("the Hub's parquet export: config/split/NNNN, partial splits and the old names", () => {
  assertEquals(
    plain(parquetLayout([
      "de-en/test/0000.parquet",
      "de-en/partial-train/0001.parquet",
      "de-en/partial-train/0000.parquet",
      "fr-en/wmt14-test.parquet",
      "fr-en/wmt14-train-00001-of-00002.parquet",
      "README.md",
    ])),
    {
      "de-en": {
        test: ["de-en/test/0000.parquet"],
        train: ["de-en/partial-train/0000.parquet", "de-en/partial-train/0001.parquet"],
      },
      "fr-en": {
        test: ["fr-en/wmt14-test.parquet"],
        train: ["fr-en/wmt14-train-00001-of-00002.parquet"],
      },
    },
  );
});

Deno.test("a repository's own push_to_hub files: data/ is the default config", () => {
  assertEquals(
    plain(parquetLayout([
      "data/test-00000-of-00001.parquet",
      "data/validation-00000-of-00001.parquet",
      "squad_v2/train-00000-of-00002.parquet",
      "squad_v2/train-00001-of-00002.parquet",
    ])),
    {
      default: {
        test: ["data/test-00000-of-00001.parquet"],
        validation: ["data/validation-00000-of-00001.parquet"],
      },
      squad_v2: {
        train: ["squad_v2/train-00000-of-00002.parquet", "squad_v2/train-00001-of-00002.parquet"],
      },
    },
  );
});

Deno.test("no parquet, an unknown config or split: an error naming what there is", () => {
  const paths = ["a/test/0000.parquet", "b/train/0000.parquet"];
  assertThrows(() => selectParquetFiles(["README.md"], "a", undefined, "x/y@main"), HubError);
  const config = assertThrows(() => selectParquetFiles(paths, "c", undefined, "x/y"), HubError);
  assertEquals(config.message, 'x/y has no config "c" (--config: one of a, b)');
  const split = assertThrows(() => selectParquetFiles(paths, "a", ["dev"], "x/y"), HubError);
  assertEquals(split.message, 'x/y config "a" has no split "dev" (--split: one of test)');
});

Deno.test("the lock file keeps datasets in their own section, models untouched", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/hub.lock.json`;
    const sha = "d".repeat(40);
    const f = { path: "a/test/0000.parquet", size: 3, sha256: "e".repeat(64) };
    const lock = withModel(
      { version: 1, models: {} },
      { repo: "x/y", revision: "refs/convert/parquet", sha, files: [f] },
      "datasets",
    );
    await writeHubLock(file, lock);
    const read = await readHubLock(file);
    assertEquals(read.models, {});
    assertEquals(read.datasets?.["x/y@refs/convert/parquet"]?.files, [f]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
