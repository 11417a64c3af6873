/**
 * One file of the built site as an HTTP response, streamed from disk in 64 KiB reads (never
 * read whole): `ETag` (strong, from size and mtime) and `Last-Modified`; `304` for a matching
 * `If-None-Match` or, without it, a recent enough `If-Modified-Since`; one `Range: bytes=` as
 * `206` with `Content-Range` (`416` when no byte of it exists; several ranges, or a range
 * under a stale `If-Range`, get the whole file); `Accept-Ranges: bytes`; HEAD without reading
 * the file; and the precompressed sibling the build writes (`<file>.br`, else `<file>.gz`,
 * `src/site/precompress.ts`) when the client accepts it, with `Content-Encoding` and
 * `Vary: Accept-Encoding`. A request with `Range` always gets the unencoded file, so a range
 * is always of the bytes `Content-Length` and `ETag` describe.
 *
 * @module
 */
import { ENCODINGS, isPrecompressible } from "./precompress.ts";

const CHUNK = 64 * 1024;

/** A byte range, both ends included. */
export interface ByteRange {
  /** First byte. */
  readonly start: number;
  /** Last byte (included). */
  readonly end: number;
}

/**
 * The range a `Range` header asks of a `size`-byte file: a {@link ByteRange}, `"unsatisfiable"`
 * (no byte of it exists: answer 416), or null to ignore the header and send the whole file
 * (another unit, several ranges, or a malformed or invalid one, as RFC 9110 §14.2 allows).
 */
export function parseRange(header: string, size: number): ByteRange | "unsatisfiable" | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (m === null) return null;
  const [, first = "", last = ""] = m;
  if (first === "") {
    if (last === "") return null;
    const n = Number(last);
    if (n === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? Infinity : Number(last);
  if (end < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end: Math.min(end, size - 1) };
}

/** Whether an `Accept-Encoding` header accepts `coding` (by name or `*`, with q above 0). */
export function acceptsEncoding(header: string | null, coding: string): boolean {
  let star = false;
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [name = "", ...params] = part.split(";").map((s) => s.trim());
    const q = params.find((p) => p.startsWith("q="));
    const ok = q === undefined || Number(q.slice(2)) > 0;
    if (name === coding) return ok;
    if (name === "*") star = ok;
  }
  return star;
}

/** Whether an `If-None-Match` header matches `etag` (weak comparison, or `*`). */
function noneMatch(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((t) => t.replace(/^W\//, "") === etag);
}

/** A stream of `length` bytes of `file` from where it stands; closes the file at the end. */
function byteStream(file: Deno.FsFile, length: number): ReadableStream<Uint8Array> {
  let left = length, closed = false;
  const close = (): void => {
    if (!closed) file.close();
    closed = true;
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const buf = new Uint8Array(Math.min(CHUNK, left));
        const n = await file.read(buf);
        if (n === null) throw new Error(`file shrank while it was sent (${left} bytes missing)`);
        left -= n;
        controller.enqueue(buf.subarray(0, n));
        if (left === 0) {
          close();
          controller.close();
        }
      } catch (err) {
        close();
        controller.error(err);
      }
    },
    cancel: close,
  });
}

/** The representation to send, open: the file itself (`coding` null) or a precompressed sibling. */
interface Opened {
  readonly file: Deno.FsFile;
  readonly coding: string | null;
}

/** The precompressed sibling `req` accepts, open, if the build wrote one (a plain file). */
async function openEncoded(req: Request, path: string): Promise<Opened | null> {
  const accept = req.headers.get("accept-encoding");
  for (const { coding, suffix } of ENCODINGS) {
    if (!acceptsEncoding(accept, coding)) continue;
    // lstat: a sibling that is a symlink (perhaps leading out of the site) is never sent.
    if (!(await Deno.lstat(`${path}${suffix}`).catch(() => null))?.isFile) continue;
    const file = await Deno.open(`${path}${suffix}`).catch(() => null);
    if (file !== null) return { file, coding };
  }
  return null;
}

/** The `ETag` (strong: size, mtime and coding) and `Last-Modified` of an open representation. */
function validators(info: Deno.FileInfo, coding: string | null): [string, string] | null {
  const mtime = info.mtime?.getTime();
  if (mtime === undefined) return null;
  const tag = `${info.size.toString(16)}-${Math.floor(mtime).toString(16)}`;
  return [`"${tag}${coding === null ? "" : `-${coding}`}"`, new Date(mtime).toUTCString()];
}

/**
 * The response for a GET or HEAD `req` of the file at `path` (already resolved and checked to
 * lie inside the site), sent as `type`. Headers and body come from one open file, so a site
 * rebuilt meanwhile never mixes one file's length with another's bytes.
 */
export async function sendFile(req: Request, path: string, type: string): Promise<Response> {
  const rangeHeader = req.headers.get("range");
  const varies = isPrecompressible(path);
  const { file, coding } = (varies && rangeHeader === null ? await openEncoded(req, path) : null) ??
    { file: await Deno.open(path), coding: null };
  let streaming = false;
  try {
    const info = await file.stat();
    const size = info.size, tags = validators(info, coding);
    const headers = new Headers({ "Content-Type": type, "Accept-Ranges": "bytes" });
    if (varies) headers.set("Vary", "Accept-Encoding");
    if (coding !== null) headers.set("Content-Encoding", coding);
    if (tags !== null) {
      headers.set("ETag", tags[0]);
      headers.set("Last-Modified", tags[1]);
    }

    const ifNoneMatch = req.headers.get("if-none-match");
    const ifModifiedSince = req.headers.get("if-modified-since");
    const notModified = ifNoneMatch !== null
      ? tags !== null && noneMatch(ifNoneMatch, tags[0])
      : ifModifiedSince !== null && tags !== null &&
        Date.parse(tags[1]) <= Date.parse(ifModifiedSince);
    if (notModified) {
      headers.delete("Content-Type");
      return new Response(null, { status: 304, headers });
    }

    let range: ByteRange | "unsatisfiable" | null = null;
    const ifRange = req.headers.get("if-range");
    if (rangeHeader !== null && (ifRange === null || tags?.includes(ifRange))) {
      range = parseRange(rangeHeader, size);
    }
    if (range === "unsatisfiable") {
      headers.set("Content-Range", `bytes */${size}`);
      headers.set("Content-Type", "text/plain; charset=utf-8");
      return new Response("416 range not satisfiable\n", { status: 416, headers });
    }
    const start = range?.start ?? 0, length = range === null ? size : range.end - start + 1;
    headers.set("Content-Length", String(length));
    if (range !== null) headers.set("Content-Range", `bytes ${start}-${range.end}/${size}`);
    const status = range === null ? 200 : 206;
    if (req.method === "HEAD" || length === 0) return new Response(null, { status, headers });
    if (start > 0) await file.seek(start, Deno.SeekMode.Start);
    streaming = true;
    return new Response(byteStream(file, length), { status, headers });
  } finally {
    if (!streaming) file.close();
  }
}
