/**
 * Energy of a timed pass from Intel/AMD RAPL counters
 * (`/sys/class/powercap/intel-rapl:N/energy_uj`, microjoules, wrapping at
 * `max_energy_range_uj`). The package domains (`name` = `package-N`) are
 * summed; without any, every top-level domain is. Where RAPL is missing or
 * unreadable (most kernels let only root read it), the method is `"none"`
 * and no number is recorded: an estimate (TDP times time) is never recorded
 * as a measurement.
 *
 * @module
 */
import type { Energy } from "../core/record.ts";

/** Where the powercap tree lives. */
export const POWERCAP_ROOT = "/sys/class/powercap";

/** One RAPL domain: its folder, name and counter range in microjoules. */
export interface RaplDomain {
  readonly dir: string;
  readonly name: string;
  readonly maxUj: number;
}

function readNumber(path: string): number | undefined {
  try {
    const v = Number(Deno.readTextFileSync(path).trim());
    return Number.isFinite(v) && v >= 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The readable RAPL domains to sum under `root` (package domains, else every
 * top-level `intel-rapl:N`); empty when there are none or they are unreadable.
 */
export function raplDomains(root: string = POWERCAP_ROOT): RaplDomain[] {
  const top: RaplDomain[] = [];
  try {
    for (const e of Deno.readDirSync(root)) {
      if (!/^intel-rapl:\d+$/.test(e.name)) continue;
      const dir = `${root}/${e.name}`;
      const maxUj = readNumber(`${dir}/max_energy_range_uj`);
      if (readNumber(`${dir}/energy_uj`) === undefined || !maxUj) continue;
      let name = e.name;
      try {
        name = Deno.readTextFileSync(`${dir}/name`).trim() || e.name;
      } catch { /* unnamed domain */ }
      top.push({ dir, name, maxUj });
    }
  } catch {
    return [];
  }
  top.sort((a, b) => a.dir < b.dir ? -1 : 1);
  const packages = top.filter((d) => d.name.startsWith("package"));
  return packages.length > 0 ? packages : top;
}

/** Microjoules consumed between two counter readings, across one wraparound. */
export function counterDelta(start: number, end: number, maxUj: number): number {
  return end >= start ? end - start : maxUj - start + end;
}

/** Measures the energy between `start()` and `stop()`. */
export interface EnergyMeter {
  /** Reads the counters at the start of the timed runs. */
  start(): void;
  /** Reads them at the end. */
  stop(): void;
  /** The energy measured, per generated token over `tokens` tokens. */
  result(tokens: number): Energy;
}

/** No energy counter on this machine: `method: "none"`. */
export const NO_ENERGY: Energy = { method: "none", joules: null, joulesPerToken: null };

/** An energy meter on the RAPL counters under `root`; `method: "none"` where there are none. */
export function energyMeter(root: string = POWERCAP_ROOT): EnergyMeter {
  const domains = Deno.build.os === "linux" || root !== POWERCAP_ROOT ? raplDomains(root) : [];
  let first: (number | undefined)[] | undefined;
  let last: (number | undefined)[] | undefined;
  const read = () => domains.map((d) => readNumber(`${d.dir}/energy_uj`));
  return {
    start() {
      first = read();
    },
    stop() {
      last = read();
    },
    result(tokens: number): Energy {
      if (domains.length === 0 || !first || !last) return NO_ENERGY;
      let uj = 0;
      for (let i = 0; i < domains.length; i++) {
        const a = first[i], b = last[i];
        if (a === undefined || b === undefined) return NO_ENERGY;
        uj += counterDelta(a, b, domains[i]!.maxUj);
      }
      const joules = uj / 1e6;
      return {
        method: "rapl",
        joules,
        joulesPerToken: tokens > 0 ? joules / tokens : null,
      };
    },
  };
}
