/**
 * A local fake of the Hugging Face Hub for the tests (no internet): a `Deno.serve` server on
 * 127.0.0.1, port 0, answering what `@huggingface/hub` asks, as the real Hub answers it:
 *
 * - `GET /api/models/ORG/NAME/revision/REV` (model info; `sha` with `expand=sha`);
 * - `GET /api/models/ORG/NAME/tree/REV?recursive=true` (files with size, git oid, LFS oid);
 * - the same under `/api/datasets/` for dataset repositories (`cardData` with
 *   `expand=cardData`), whose files are under `/datasets/ORG/NAME/resolve/...`; a revision
 *   with slashes (`refs/convert/parquet`) comes URL-encoded as one path segment;
 * - `GET /ORG/NAME/resolve/REV/PATH`: a regular file with `ETag` (its git oid) and
 *   `X-Repo-Commit`; an LFS file redirected (302) to `/cdn-lfs/<sha256>` with `X-Linked-Etag`,
 *   `X-Linked-Size` and `X-Repo-Commit`; `Range` answered with 206 and `Content-Range`;
 * - the Hub's refusals with `X-Error-Code`: `RepoNotFound` (401 without a token, 404 with
 *   one), `RevisionNotFound`, `EntryNotFound` (404), `GatedRepo` (401 without a token, 403
 *   with a token that has no access).
 *
 * A model repository is a folder of real files (a zoo model); a dataset repository is a list
 * of files (tiny parquet files written by the test). `.onnx` and `.parquet` files are served
 * as LFS.
 * Every request is logged (`requests`), so a test can count them.
 *
 * @module
 */
import { createHash } from "node:crypto";

/** One file of a fake repository. */
export interface FakeFile {
  readonly path: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly lfs: boolean;
}

/** One fake repository. */
export interface FakeRepo {
  /** `org/name`. */
  readonly id: string;
  /** A model (default) or a dataset repository. */
  readonly type?: "model" | "dataset";
  /** A dataset's card metadata (`cardData`), e.g. `{ license: "cc-by-4.0" }`. */
  readonly cardData?: Readonly<Record<string, unknown>>;
  /** The commit every branch points to. */
  readonly sha: string;
  /** Branch and tag names. */
  readonly refs: readonly string[];
  /** Its files. */
  readonly files: FakeFile[];
  /** Gated: files need `Authorization: Bearer <token>` with this token. */
  readonly gatedToken?: string;
}

/** A logged request. */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly range: string | null;
  readonly auth: boolean;
}

/** A running fake hub. */
export interface FakeHub {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Every request so far. */
  readonly requests: LoggedRequest[];
  /** Serves the file `path` of `repo` with its first byte changed (the listing keeps its hash). */
  corrupt(repo: string, path: string): void;
  /** Stops the server. */
  close(): Promise<void>;
}

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
const gitOid = (b: Uint8Array): string =>
  createHash("sha1").update(`blob ${b.length}\0`).update(b).digest("hex");

/** A fake commit sha derived from a text. */
export function fakeSha(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** The files of a model folder (recursively), `.onnx` ones as LFS; metadata skipped. */
export async function repoFromFolder(
  id: string,
  dir: string,
  o: { refs?: string[]; gatedToken?: string; skip?: (path: string) => boolean } = {},
): Promise<FakeRepo> {
  const files: FakeFile[] = [];
  const walk = async (rel: string): Promise<void> => {
    for await (const e of Deno.readDir(rel ? `${dir}/${rel}` : dir)) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory) await walk(path);
      else if (!o.skip?.(path)) {
        files.push({
          path,
          bytes: await Deno.readFile(`${dir}/${path}`),
          lfs: /\.onnx(_data.*)?$/.test(path),
        });
      }
    }
  };
  await walk("");
  files.sort((a, b) => a.path < b.path ? -1 : 1);
  return {
    id,
    sha: fakeSha(`${id}:${files.map((f) => sha256(f.bytes)).join(",")}`),
    refs: o.refs ?? ["main"],
    files,
    ...(o.gatedToken ? { gatedToken: o.gatedToken } : {}),
  };
}

/** A dataset repository of the given files (`.parquet` ones as LFS) at one commit. */
export function datasetRepo(
  id: string,
  files: readonly { path: string; bytes: Uint8Array<ArrayBuffer> }[],
  o: { refs?: string[]; gatedToken?: string; cardData?: Record<string, unknown> } = {},
): FakeRepo {
  const all = files.map((f) => ({ ...f, lfs: f.path.endsWith(".parquet") }))
    .sort((a, b) => a.path < b.path ? -1 : 1);
  return {
    id,
    type: "dataset",
    sha: fakeSha(`dataset:${id}:${all.map((f) => sha256(f.bytes)).join(",")}`),
    refs: o.refs ?? ["main", "refs/convert/parquet"],
    files: all,
    ...(o.gatedToken ? { gatedToken: o.gatedToken } : {}),
    ...(o.cardData ? { cardData: o.cardData } : {}),
  };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

function refused(status: number, code: string, message: string): Response {
  return json({ error: message }, status, { "X-Error-Code": code, "X-Error-Message": message });
}

/** Answers `range` (`bytes=a-b` or `bytes=a-`) over `bytes`, or the whole body. */
function ranged(
  bytes: Uint8Array<ArrayBuffer>,
  range: string | null,
  headers: Record<string, string>,
): Response {
  const base = { ...headers, "Accept-Ranges": "bytes", "Content-Type": "application/octet-stream" };
  const m = range === null ? null : /^bytes=(\d+)-(\d*)$/.exec(range);
  if (m === null) {
    return new Response(bytes, {
      headers: { ...base, "Content-Length": String(bytes.length) },
    });
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? bytes.length - 1 : Math.min(Number(m[2]), bytes.length - 1);
  if (start >= bytes.length) {
    return new Response(null, {
      status: 416,
      headers: { ...base, "Content-Range": `bytes */${bytes.length}` },
    });
  }
  const part = bytes.subarray(start, end + 1);
  return new Response(part, {
    status: 206,
    headers: {
      ...base,
      "Content-Range": `bytes ${start}-${end}/${bytes.length}`,
      "Content-Length": String(part.length),
    },
  });
}

/** Starts a fake hub serving `repos`. */
export function startFakeHub(repos: readonly FakeRepo[]): FakeHub {
  const keyOf = (r: FakeRepo): string => `${r.type ?? "model"}:${r.id}`;
  const byId = new Map(repos.map((r) => [keyOf(r), r]));
  const requests: LoggedRequest[] = [];
  const corrupted = new Set<string>();
  const blobs = new Map<string, { repo: FakeRepo; file: FakeFile }>();
  for (const r of repos) {
    for (const f of r.files) {
      if (f.lfs) blobs.set(`${r.id}:${sha256(f.bytes)}`, { repo: r, file: f });
    }
  }
  const bytesOf = (repo: FakeRepo, f: FakeFile): Uint8Array<ArrayBuffer> => {
    if (!corrupted.has(`${repo.id}:${f.path}`)) return f.bytes;
    const copy = f.bytes.slice();
    copy[0] = copy[0]! ^ 0xff;
    return copy;
  };
  let origin = "";

  const handler = (req: Request): Response => {
    const url = new URL(req.url);
    const auth = req.headers.get("Authorization");
    requests.push({
      method: req.method,
      path: url.pathname + url.search,
      range: req.headers.get("Range"),
      auth: auth !== null,
    });
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (parts[0] === "cdn-lfs" && parts.length === 3) {
      const oid = parts[2]!;
      const blob = blobs.get(`${parts[1]!.replace("--", "/")}:${oid}`);
      if (!blob) return new Response("no such object", { status: 404 });
      return ranged(bytesOf(blob.repo, blob.file), req.headers.get("Range"), {
        ETag: `"${oid}"`,
      });
    }
    const api = parts[0] === "api" && (parts[1] === "models" || parts[1] === "datasets");
    const type = api ? parts[1]!.slice(0, -1) : parts[0] === "datasets" ? "dataset" : "model";
    const [org, name, verb, rev, ...rest] = api
      ? parts.slice(2)
      : type === "dataset"
      ? parts.slice(1)
      : parts;
    const repo = byId.get(`${type}:${org}/${name}`);
    if (!repo) {
      return auth === null
        ? refused(401, "RepoNotFound", "Repository not found")
        : refused(404, "RepoNotFound", "Repository not found");
    }
    const sha = rev === repo.sha || repo.refs.includes(rev ?? "") ? repo.sha : undefined;
    if (sha === undefined) return refused(404, "RevisionNotFound", `Invalid rev id: ${rev}`);
    if (api && verb === "revision") {
      return json({
        _id: `id-${repo.id}`,
        id: repo.id,
        ...(url.searchParams.getAll("expand").includes("sha") ? { sha } : {}),
        ...(repo.cardData && url.searchParams.getAll("expand").includes("cardData")
          ? { cardData: repo.cardData }
          : {}),
        private: false,
        gated: repo.gatedToken ? "manual" : false,
        downloads: 0,
        likes: 0,
        lastModified: "2026-01-01T00:00:00.000Z",
      });
    }
    if (api && verb === "tree") {
      const dirs = new Set<string>();
      for (const f of repo.files) {
        const segs = f.path.split("/");
        for (let i = 1; i < segs.length; i++) dirs.add(segs.slice(0, i).join("/"));
      }
      return json([
        ...[...dirs].map((d) => ({ type: "directory", oid: fakeSha(d), size: 0, path: d })),
        ...repo.files.map((f) =>
          f.lfs
            ? {
              type: "file",
              oid: fakeSha(`pointer:${f.path}`),
              size: f.bytes.length,
              path: f.path,
              lfs: { oid: sha256(f.bytes), size: f.bytes.length, pointerSize: 134 },
            }
            : { type: "file", oid: gitOid(f.bytes), size: f.bytes.length, path: f.path }
        ),
      ]);
    }
    if (!api && verb === "resolve") {
      if (repo.gatedToken !== undefined && auth !== `Bearer ${repo.gatedToken}`) {
        const msg = `Access to ${repo.type ?? "model"} ${repo.id} is restricted.`;
        return refused(auth === null ? 401 : 403, "GatedRepo", msg);
      }
      const path = rest.join("/");
      const f = repo.files.find((x) => x.path === path);
      if (!f) return refused(404, "EntryNotFound", `${path} does not exist`);
      if (f.lfs) {
        const oid = sha256(f.bytes);
        return new Response(null, {
          status: 302,
          headers: {
            Location: `${origin}/cdn-lfs/${repo.id.replace("/", "--")}/${oid}`,
            "X-Linked-Etag": `"${oid}"`,
            "X-Linked-Size": String(f.bytes.length),
            "X-Repo-Commit": sha,
            ETag: `"${fakeSha(`pointer:${f.path}`)}"`,
          },
        });
      }
      return ranged(bytesOf(repo, f), req.headers.get("Range"), {
        ETag: `"${gitOid(f.bytes)}"`,
        "X-Repo-Commit": sha,
      });
    }
    return new Response("not found", { status: 404 });
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  origin = `http://127.0.0.1:${server.addr.port}`;
  return {
    url: origin,
    requests,
    corrupt: (repo, path) => void corrupted.add(`${repo}:${path}`),
    close: () => server.shutdown(),
  };
}
