/**
 * The one folder an eval writes outside its results folder: `$TMPDIR/encoder-bench/`
 * (`/tmp/encoder-bench/` by default, the folder `deno task eval` grants). It holds each eval's
 * temporary folder (`eval-<pid>-*`) and the machine-wide locks (`locks/`).
 *
 * @module
 */

/** `$TMPDIR/encoder-bench`, or `/tmp/encoder-bench` when TMPDIR is unset. */
export function benchTmpRoot(): string {
  const tmp = (Deno.env.get("TMPDIR") || "/tmp").replace(/\/$/, "");
  return `${tmp}/encoder-bench`;
}
