/**
 * The load a measurement ran under: the 1-minute load average, the other
 * evals running on the machine, and the CPU time other processes used during
 * the cell, in cores: the machine's busy time (`os.cpus()`) less this eval's
 * and its worker's own (`process.cpuUsage()`, the worker's reported with its
 * progress lines).
 *
 * @module
 */
import { cpus } from "node:os";
import process from "node:process";
import type { MeasuredLoad } from "../core/record.ts";

/** Other processes' average CPU use (cores) at or above which a measurement is contended. */
export const CONTENDED_CORES = 0.25;

/** CPU time this process has used, in ms. */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function busyMs(): number | null {
  try {
    const all = cpus();
    if (all.length === 0) return null;
    return all.reduce((s, c) => s + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
  } catch {
    return null;
  }
}

function loadAvg1(): number {
  try {
    return Deno.loadavg()[0] ?? 0;
  } catch {
    return 0;
  }
}

/** A started measurement of the load around one cell. */
export interface LoadMeter {
  /**
   * Ends the measurement: `workerCpuMs` is the CPU time the cell's worker used
   * meanwhile (null when unknown), `otherEvals` the most other evals seen.
   */
  stop(workerCpuMs: number | null, otherEvals: number): MeasuredLoad;
}

/** Starts measuring the load; `cores` is this machine's logical core count. */
export function startLoad(cores: number): LoadMeter {
  const t0 = performance.now();
  const busy0 = busyMs();
  const own0 = ownCpuMs();
  const avg0 = loadAvg1();
  return {
    stop(workerCpuMs: number | null, otherEvals: number): MeasuredLoad {
      const wallMs = performance.now() - t0;
      const busy1 = busyMs();
      const own = ownCpuMs() - own0 + (workerCpuMs ?? 0);
      const other = busy0 !== null && busy1 !== null && workerCpuMs !== null && wallMs > 0
        ? Math.max(0, (busy1 - busy0 - own) / wallMs)
        : null;
      const avg = Math.max(avg0, loadAvg1());
      // Without CPU times, fall back on what can be seen: other evals, or a load above the cores.
      const contended = other !== null ? other >= CONTENDED_CORES : otherEvals > 0 || avg > cores;
      return {
        loadAvg1: Math.round(avg * 100) / 100,
        otherEvals,
        otherCpuCores: other === null ? null : Math.round(other * 100) / 100,
        contended,
      };
    },
  };
}
