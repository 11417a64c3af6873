/**
 * The machine a measurement was made on, and the process's peak memory.
 * Every probe degrades to "unknown" when a permission or a file is missing.
 *
 * @module
 */
import { cpus } from "node:os";
import { ort } from "./ort.ts";
import type { Environment } from "../core/target.ts";
import { VERSION } from "../version.ts";

function tryOr<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

function cpuModel(): string {
  const fromOs = tryOr(() => cpus()[0]?.model?.trim() ?? "", "");
  if (fromOs) return fromOs;
  const info = tryOr(() => Deno.readTextFileSync("/proc/cpuinfo"), "");
  const line = info.split("\n").find((l) => /^model name\s*:/.test(l));
  return line ? line.replace(/^model name\s*:\s*/, "").trim() : "unknown";
}

async function gitCommit(): Promise<string | undefined> {
  try {
    const root = new URL("../../.git/", import.meta.url);
    const head = (await Deno.readTextFile(new URL("HEAD", root))).trim();
    if (!head.startsWith("ref: ")) return /^[0-9a-f]{40}$/.test(head) ? head : undefined;
    const ref = head.slice(5);
    try {
      return (await Deno.readTextFile(new URL(ref, root))).trim();
    } catch {
      const packed = await Deno.readTextFile(new URL("packed-refs", root));
      const line = packed.split("\n").find((l) => l.endsWith(` ${ref}`));
      return line?.split(" ")[0];
    }
  } catch {
    return undefined;
  }
}

/**
 * Describes this machine: CPU model, logical cores, RAM, OS, Deno, V8 and
 * onnxruntime-node versions, encoder-bench version and git commit. Needs
 * `--allow-sys` for the host, CPU and RAM, `--allow-read` for the git commit;
 * without them the fields read `unknown` (or 0) instead of failing.
 */
export async function environment(): Promise<Environment> {
  const ramBytes = tryOr(() => Deno.systemMemoryInfo().total, 0);
  const commit = await gitCommit();
  const ortVersions = ort.env.versions as Record<string, string | undefined>;
  return {
    hostname: tryOr(() => Deno.hostname(), "unknown"),
    cpu: cpuModel(),
    cores: navigator.hardwareConcurrency ?? tryOr(() => cpus().length, 0),
    ramGiB: Math.round((ramBytes / 2 ** 30) * 10) / 10,
    os: `${Deno.build.os} ${tryOr(() => Deno.osRelease(), "unknown")} ${Deno.build.arch}`,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    onnxruntime: ortVersions.node ?? ortVersions.common ?? "unknown",
    benchVersion: VERSION,
    ...(commit ? { gitCommit: commit } : {}),
  };
}

let observedPeak = 0;

/**
 * Peak resident set size of this process in MiB: the kernel's high-water mark
 * (`VmHWM` in /proc/self/status) where readable, otherwise the largest RSS this
 * function has seen so far.
 */
export function peakRssMiB(): number {
  const rss = tryOr(() => Deno.memoryUsage().rss, 0);
  observedPeak = Math.max(observedPeak, rss);
  const status = tryOr(() => Deno.readTextFileSync("/proc/self/status"), "");
  const m = /^VmHWM:\s*(\d+)\s*kB/m.exec(status);
  const hwm = m?.[1] ? Number(m[1]) * 1024 : 0;
  return Math.round((Math.max(hwm, observedPeak) / 2 ** 20) * 10) / 10;
}
