/**
 * A Hono app that serves a built site folder: strict security headers
 * (Content-Security-Policy and friends) on every response, GET and HEAD only,
 * and no path outside the folder: `..` segments, encoded slashes,
 * backslashes, NUL bytes and symlinks leading out are refused. Files are
 * streamed with validators, ranges and precompressed variants by
 * `send_file.ts`.
 *
 * @module
 */
import { Hono } from "hono";
import { CSP, DEVICE_CSP } from "./csp.ts";
import { sendFile } from "./send_file.ts";

const TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  txt: "text/plain; charset=utf-8",
  map: "application/json; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  wasm: "application/wasm",
  onnx: "application/octet-stream",
};

/**
 * Extra headers of the "Run on this device" page and its files: its own CSP
 * (`wasm-unsafe-eval`) and cross-origin isolation (COEP with the COOP every
 * page has), which multi-threaded wasm needs.
 */
export const DEVICE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": DEVICE_CSP,
  "Cross-Origin-Embedder-Policy": "require-corp",
};

/** Security headers sent with every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "no-cache",
};

/**
 * The decoded path segments of a URL path, or null if the path is unsafe:
 * encoded slashes or backslashes (`%2f`, `%5c`), NUL bytes, dot segments, or
 * malformed percent-encoding.
 */
export function safeSegments(pathname: string): string[] | null {
  if (/%(2f|5c)/i.test(pathname)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const parts = decoded.split("/").filter((s) => s !== "");
  if (parts.some((s) => s === ".." || s === "." || s.startsWith(".."))) return null;
  return parts;
}

/** The root-relative canonical URL of a folder: single slashes, segments re-encoded. */
export function canonicalDir(parts: readonly string[]): string {
  return `/${parts.map((s) => `${encodeURIComponent(s)}/`).join("")}`;
}

async function statOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.stat(path);
  } catch {
    return null;
  }
}

/** Creates the static server app for `dir`. */
export function createStaticApp(dir: string): Hono {
  const app = new Hono();
  let root: string | null = null;
  const realRoot = async (): Promise<string> => (root ??= await Deno.realPath(dir));
  app.use("*", async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
    if (new URL(c.req.url).pathname.startsWith("/device/")) {
      for (const [k, v] of Object.entries(DEVICE_HEADERS)) c.res.headers.set(k, v);
    }
  });
  app.all("*", async (c) => {
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD") {
      return c.text("405 method not allowed\n", 405, { Allow: "GET, HEAD" });
    }
    const raw = new URL(c.req.url).pathname;
    const parts = safeSegments(raw);
    if (parts === null) return c.text("403 forbidden: path outside the site\n", 403);
    const base = await realRoot();
    let path = [base, ...parts].join("/");
    let info = await statOrNull(path);
    if (info?.isDirectory) {
      // Redirect to the canonical path, never to `raw` + "/": `//models` would become
      // `Location: //models/`, a protocol-relative URL that leaves the origin.
      if (!raw.endsWith("/")) return c.redirect(canonicalDir(parts), 301);
      path = `${path}/index.html`;
      info = await statOrNull(path);
    }
    if (info === null || !info.isFile) return c.text("404 not found\n", 404);
    const real = await Deno.realPath(path);
    if (!real.startsWith(`${base}/`)) return c.text("403 forbidden: path outside the site\n", 403);
    const ext = real.slice(real.lastIndexOf(".") + 1).toLowerCase();
    const type = TYPES[ext] ?? "application/octet-stream";
    return await sendFile(c.req.raw, real, type);
  });
  return app;
}
