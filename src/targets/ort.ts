/**
 * The one place that imports onnxruntime-node: sets the native log level to
 * `fatal` (failures still arrive as exceptions) before any session exists.
 *
 * @module
 */
import * as ort from "onnxruntime-node";

ort.env.logLevel = "fatal";

export { ort };
