/**
 * Shared set-up of the browser tests (the site's and the device page's):
 * `deno task serve` on a free localhost port, and headless Debian Chromium
 * through playwright-core with the project's flags, optionally with WebGPU on
 * SwiftShader.
 *
 * @module
 */
import { type Browser, chromium } from "playwright-core";
import { isCI } from "./_ci.ts";
import { denoCommand } from "./cli/_run.ts";

/** Debian's Chromium. */
export const CHROMIUM = "/usr/bin/chromium";
/** Where the browser tests write screenshots. */
export const ARTIFACTS = new URL("../test-artifacts/", import.meta.url).pathname;
/** Whether Chromium is installed. */
export const hasChromium = await Deno.stat(CHROMIUM).then(() => true, () => false);
/**
 * In CI (CI set to any truthy value) the browser is installed by scripts/setup.sh: a missing one
 * is a failure, not a skip.
 */
export const inCI = isCI();

/**
 * Starts `deno task serve --dist DIR` on a port the system picks (`--port 0`: no window in which
 * a test file running beside this one takes it) and reads its URL; `stop` ends it.
 */
export async function startServe(
  dist: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = denoCommand(["task", "serve", "--dist", dist, "--port", "0"]).spawn();
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

/** SwiftShader's Vulkan driver as Debian's chromium package installs it. */
export const SWIFTSHADER_ICD = "/usr/lib/chromium/vk_swiftshader_icd.json";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Chromium's WebGPU on SwiftShader (a CPU Vulkan driver): no GPU needed. */
const WEBGPU_FLAGS = [
  "--enable-unsafe-webgpu",
  "--enable-features=Vulkan",
  "--use-vulkan=swiftshader",
  "--use-webgpu-adapter=swiftshader",
];

/**
 * Launches headless Chromium with the project's flags: without a GPU process
 * by default; with `webgpu`, with WebGPU on SwiftShader (`runtimeDir` is a
 * private XDG_RUNTIME_DIR that the caller removes).
 */
export async function launch(o: { webgpu?: { runtimeDir: string } } = {}): Promise<Browser> {
  return await chromium.launch({
    executablePath: CHROMIUM,
    args: o.webgpu ? [...FLAGS, ...WEBGPU_FLAGS] : [...FLAGS, "--disable-gpu"],
    ...(o.webgpu
      ? {
        env: {
          ...Deno.env.toObject(),
          VK_ICD_FILENAMES: SWIFTSHADER_ICD,
          XDG_RUNTIME_DIR: o.webgpu.runtimeDir,
        },
      }
      : {}),
  });
}
