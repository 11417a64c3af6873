/**
 * The Hugging Face Hub: models and datasets (their parquet files) pulled into the cache that Python's `huggingface_hub`,
 * transformers and transformers.js share (`models--org--name/{blobs,refs,snapshots}`), by the
 * Hub's conventions (`HF_ENDPOINT`, `HF_TOKEN`, `HF_HOME` / `HF_HUB_CACHE`,
 * `HF_HUB_OFFLINE`), through the official client `@huggingface/hub`: only the files the
 * engine needs for a dtype, each checked against its hash, resumed when cut, pinned by a lock
 * file. `cachedModel` finds a pulled model with no request (what evaluation uses).
 *
 * @module
 */
export { type CachedModel, cachedModel, pullCommand } from "./cached_model.ts";
export { RepoCache, type RepoType } from "./cache.ts";
export { parquetLayout, selectParquetFiles } from "./dataset_files.ts";
export {
  HUB_ENV_VARS,
  hubCacheDir,
  hubEndpoint,
  hubHosts,
  type HubSettings,
  hubSettings,
} from "./env.ts";
export {
  DEFAULT_LOCK_FILE,
  type HubLock,
  type LockedFile,
  type LockedModel,
  readHubLock,
} from "./lock_file.ts";
export { pullProgress } from "./progress.ts";
export { type PullEvent, pullModel, type PullOptions, type PullResult } from "./pull.ts";
export {
  type DatasetPullOptions,
  type DatasetPullResult,
  pullDataset,
  type PulledParquet,
} from "./pull_dataset.ts";
export {
  DEFAULT_REVISION,
  formatRepoSpec,
  isRepoSpec,
  parseRepoSpec,
  type RepoSpec,
} from "./repo_spec.ts";
export { ROOT_FILES, selectModelFiles } from "./select_files.ts";
