/**
 * Runs a command as a child process and measures its wall time and peak resident memory (GNU
 * `/usr/bin/time`'s maximum RSS of the process; wall time alone where it is missing). The
 * scale benchmarks use it to run a CLI of this checkout or of another one (`EB_BENCH_BASELINE`,
 * a folder with an older checkout, `deno install`ed) on the same store.
 *
 * @module
 */

/** One measured run. */
export interface Measured {
  /** Wall seconds. */
  readonly wallS: number;
  /** Peak RSS in MiB, or null without `/usr/bin/time`. */
  readonly peakMiB: number | null;
  /** Exit code. */
  readonly code: number;
  /** Standard output. */
  readonly stdout: string;
  /** The last lines of standard error. */
  readonly stderrTail: string;
}

const TIME = "/usr/bin/time";
const hasTime = await Deno.stat(TIME).then((s) => s.isFile, () => false);

/** Runs `args` (a `deno run ...` line, say) in `cwd` and measures it. */
export async function measure(args: readonly string[], cwd: string): Promise<Measured> {
  const out = await Deno.makeTempFile({ prefix: "eb-bench-time-" });
  try {
    const cmd = hasTime ? [TIME, "-f", "%e %M", "-o", out, ...args] : [...args];
    const t0 = performance.now();
    const res = await new Deno.Command(cmd[0]!, {
      args: cmd.slice(1),
      cwd,
      stdout: "piped",
      stderr: "piped",
      env: { ORT_DISABLE_TELEMETRY: "1", DENO_NO_UPDATE_CHECK: "1" },
    }).output();
    const wall = (performance.now() - t0) / 1000;
    let peakMiB: number | null = null;
    let wallS = wall;
    if (hasTime) {
      const [e, m] = (await Deno.readTextFile(out)).trim().split("\n").pop()!.split(" ");
      wallS = Number(e);
      peakMiB = Number(m) / 1024;
    }
    const dec = new TextDecoder();
    return {
      wallS,
      peakMiB,
      code: res.code,
      stdout: dec.decode(res.stdout),
      stderrTail: dec.decode(res.stderr).split("\n").slice(-6).join("\n"),
    };
  } finally {
    await Deno.remove(out).catch(() => {});
  }
}

/** The checkouts to measure: this one, then `EB_BENCH_BASELINE` when set. */
export function checkouts(): { name: string; dir: string }[] {
  const here = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
  const base = Deno.env.get("EB_BENCH_BASELINE");
  return [
    { name: "this", dir: here },
    ...(base ? [{ name: `baseline (${base})`, dir: base }] : []),
  ];
}

/** The 1-minute load average, for the record; null where it cannot be read. */
export function loadAverage(): number | null {
  try {
    const x = Deno.loadavg()[0];
    return x === undefined ? null : Math.round(x * 10) / 10;
  } catch {
    return null;
  }
}

/** MiB with no decimals, or "-". */
export function mib(x: number | null): string {
  return x === null ? "-" : x.toFixed(0);
}
