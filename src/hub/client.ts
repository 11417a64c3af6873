/**
 * The Hub's API through the official client, `@huggingface/hub`: a revision's commit sha
 * (`modelInfo`, `datasetInfo`), a commit's file list with sizes and LFS oids (`listFiles`), and a file's
 * bytes from a given offset (`downloadFile`, whose `Blob` fetches `resolve/<sha>/<path>`
 * with `Range` when sliced). Every request goes through one `fetch` that turns the Hub's
 * refusals into one-line `HubError`s, read from its `X-Error-Code` header as Python's
 * `huggingface_hub` does (`RepoNotFound`, `RevisionNotFound`, `EntryNotFound`, `GatedRepo`).
 *
 * @module
 */
import { datasetInfo, downloadFile, listFiles, modelInfo } from "@huggingface/hub";
import { HubError } from "../core/errors.ts";
import type { RepoType } from "./cache.ts";
import type { HubSettings } from "./env.ts";
import { formatRepoSpec, type RepoSpec } from "./repo_spec.ts";

/** One file of a commit, as the Hub's tree listing gives it. */
export interface RemoteFile {
  /** Path in the repository (`/`-separated). */
  readonly path: string;
  /** Size in bytes (of the content, not of an LFS pointer). */
  readonly size: number;
  /** The git blob sha1 of the file (of its pointer, for an LFS file). */
  readonly oid: string;
  /** The sha256 of an LFS file's content. */
  readonly lfsSha256?: string;
}

/** What a request was for, so that a refusal names it. */
interface Asked {
  readonly spec: RepoSpec;
  readonly path?: string;
}

function refusal(res: Response, asked: Asked, settings: HubSettings): HubError {
  const code = res.headers.get("X-Error-Code") ?? "";
  const name = asked.spec.repo;
  const tokenHint = settings.token === undefined
    ? "a token is needed: set HF_TOKEN to a token that can read it"
    : "HF_TOKEN cannot read it";
  if (code === "GatedRepo") {
    return new HubError(
      `${name} is gated: ${tokenHint}, after accepting its conditions at ` +
        `${settings.endpoint}/${name}`,
    );
  }
  if (code === "RepoNotFound") {
    return new HubError(
      `repository not found: ${name}` +
        (res.status === 401 && settings.token === undefined
          ? " (if it is private or gated, a token is needed: set HF_TOKEN)"
          : ""),
    );
  }
  if (code === "RevisionNotFound") {
    return new HubError(`revision not found: ${formatRepoSpec(asked.spec)}`);
  }
  if (code === "EntryNotFound" || (res.status === 404 && asked.path !== undefined)) {
    return new HubError(`file not found: ${formatRepoSpec(asked.spec)}: ${asked.path ?? "?"}`);
  }
  if (res.status === 401 || res.status === 403) {
    return new HubError(`${name}: access refused (HTTP ${res.status}); ${tokenHint}`);
  }
  if (res.status === 404) {
    return new HubError(`repository or revision not found: ${formatRepoSpec(asked.spec)}`);
  }
  return new HubError(`the Hub answered HTTP ${res.status} for ${res.url || name}`);
}

/** A `fetch` for the client: the token's header is the client's; refusals become errors. */
function guardedFetch(asked: Asked, settings: HubSettings): typeof fetch {
  return async (input, init) => {
    let res: Response;
    try {
      res = await fetch(input, init);
    } catch (cause) {
      throw new HubError(
        `cannot reach ${settings.endpoint} (${(cause as Error).message}); to use the cache ` +
          `only, set HF_HUB_OFFLINE=1`,
        { cause },
      );
    }
    if (res.ok) return res;
    await res.body?.cancel();
    throw refusal(res, asked, settings);
  };
}

function common(asked: Asked, settings: HubSettings) {
  return {
    hubUrl: settings.endpoint,
    fetch: guardedFetch(asked, settings),
    ...(settings.token !== undefined ? { accessToken: settings.token } : {}),
  };
}

function checkedSha(sha: unknown, spec: RepoSpec): string {
  if (typeof sha !== "string" || !/^[0-9a-f]{40}$/.test(sha)) {
    throw new HubError(`the Hub gave no commit sha for ${formatRepoSpec(spec)}`);
  }
  return sha;
}

/** The commit sha a revision (branch, tag or sha) of a model repository points to now. */
export async function resolveRevision(spec: RepoSpec, settings: HubSettings): Promise<string> {
  const info = await modelInfo({
    name: spec.repo,
    revision: spec.revision,
    additionalFields: ["sha"],
    ...common({ spec }, settings),
  });
  return checkedSha(info.sha, spec);
}

/** A dataset revision's commit sha and the licence its card states (`cardData.license`). */
export async function resolveDatasetRevision(
  spec: RepoSpec,
  settings: HubSettings,
): Promise<{ sha: string; licence?: string }> {
  const info = await datasetInfo({
    name: spec.repo,
    revision: spec.revision,
    additionalFields: ["sha", "cardData"],
    ...common({ spec }, settings),
  });
  const card = info.cardData as { license?: unknown } | undefined;
  const raw = card?.license;
  const licence = Array.isArray(raw) ? raw.join(", ") : typeof raw === "string" ? raw : undefined;
  return { sha: checkedSha(info.sha, spec), ...(licence ? { licence } : {}) };
}

/** Every file of a commit (recursively), sorted by path. */
export async function listRemoteFiles(
  spec: RepoSpec,
  sha: string,
  settings: HubSettings,
  type: RepoType = "model",
): Promise<RemoteFile[]> {
  const out: RemoteFile[] = [];
  for await (
    const e of listFiles({
      repo: { type, name: spec.repo },
      revision: sha,
      recursive: true,
      ...common({ spec }, settings),
    })
  ) {
    if (e.type !== "file") continue;
    out.push({
      path: e.path,
      size: e.lfs?.size ?? e.size,
      oid: e.oid ?? "",
      ...(e.lfs ? { lfsSha256: e.lfs.oid } : {}),
    });
  }
  return out.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/**
 * The bytes of a file of a commit from byte `offset` on (a `Range` request when `offset` is
 * above 0), through plain HTTP (`resolve`, following the Hub's redirects to its CDN).
 */
export async function fileStream(
  spec: RepoSpec,
  sha: string,
  path: string,
  offset: number,
  settings: HubSettings,
  type: RepoType = "model",
): Promise<ReadableStream<Uint8Array>> {
  const blob = await downloadFile({
    repo: { type, name: spec.repo },
    revision: sha,
    path,
    xet: false,
    ...common({ spec, path }, settings),
  });
  if (blob === null) throw new HubError(`file not found: ${formatRepoSpec(spec)}: ${path}`);
  return (offset > 0 ? blob.slice(offset) : blob).stream() as ReadableStream<Uint8Array>;
}
