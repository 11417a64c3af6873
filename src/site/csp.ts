/**
 * The Content-Security-Policy of the site: only same-origin scripts, styles,
 * images and data; no inline scripts or styles, no framing, no plugins.
 * `serve` sends it as a header; pages also carry it in a meta tag for static
 * hosts that cannot set headers (the meta form ignores frame-ancestors).
 *
 * @module
 */

/** The policy as a header value. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join("; ");

/** The policy for a `<meta http-equiv>` tag (without header-only directives). */
export const CSP_META = CSP.split("; ").filter((d) => !d.startsWith("frame-ancestors")).join("; ");

/**
 * The policy of the "Run on this device" page and its files: the site's, plus
 * `wasm-unsafe-eval` (onnxruntime-web compiles WebAssembly) and same-origin
 * workers. Nothing else loosens.
 */
export const DEVICE_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
  .replace("default-src 'none'", "default-src 'none'; worker-src 'self'");

/** {@link DEVICE_CSP} for a `<meta http-equiv>` tag. */
export const DEVICE_CSP_META = DEVICE_CSP.split("; ").filter((d) =>
  !d.startsWith("frame-ancestors")
).join("; ");
