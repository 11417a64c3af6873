/**
 * Shared set-up of the site's browser tests: `deno task serve` on a free
 * localhost port, and headless Debian Chromium through playwright-core with
 * the project's flags.
 *
 * @module
 */
import { type Browser, chromium } from "playwright-core";
import { isCI } from "../_ci.ts";

/** Debian's Chromium. */
export const CHROMIUM = "/usr/bin/chromium";
/** Where the browser tests write screenshots. */
export const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;
/** Whether Chromium is installed. */
export const hasChromium = await Deno.stat(CHROMIUM).then(() => true, () => false);
/**
 * In CI (CI set to any truthy value) the browser is installed by scripts/setup.sh: a missing one
 * is a failure, not a skip.
 */
export const inCI = isCI();

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** Starts `deno task serve --dist DIR` on a free port; `stop` ends it. */
export async function startServe(
  dist: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", "serve", "--dist", dist, "--port", String(port)],
    cwd: new URL("../../", import.meta.url).pathname,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const deadline = Date.now() + 30_000;
  while (!seen.includes("serving http://")) {
    if (Date.now() > deadline) throw new Error(`serve did not start: ${seen}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`serve exited: ${seen}`);
    seen += value;
  }
  const url = seen.match(/serving (http:\/\/\S+?)\s/)![1]!;
  const stop = async (): Promise<void> => {
    child.kill("SIGTERM");
    await reader.cancel();
    await child.stderr.cancel();
    await child.status;
  };
  return { url, stop };
}

/** Launches headless Chromium with the project's flags. */
export async function launch(): Promise<Browser> {
  return await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
