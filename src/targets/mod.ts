/**
 * Hardware targets: built-in and user-defined targets, availability probing,
 * ONNX Runtime session options per target, and the machine's environment.
 *
 * @module
 */
export { builtinTargets } from "./builtin.ts";
export { loadTargetsFile, parseTargets } from "./config_file.ts";
export { type ProbeResult, probeTargets, supportedBackends } from "./probe.ts";
export { EXACT_INT8, sessionOptions } from "./session_options.ts";
export { environment, peakRssMiB } from "./environment.ts";
export { findTarget } from "./find_target.ts";
export {
  actionsMatrix,
  DEFAULT_TIMEOUT_MINUTES,
  loadMachines,
  type Machine,
  parseMachines,
} from "./machines.ts";
