/**
 * The ONNX Runtime the engine runs on, injected rather than imported: the
 * engine is written against the `InferenceSession` and `Tensor` interfaces of
 * `onnxruntime-common`, which `onnxruntime-node` (Deno, `targets/ort.ts`) and
 * `onnxruntime-web` (the browser, `src/browser/`) both implement. Each runtime
 * module carries its own copy of the common classes, so tensors fed to a
 * session are made with that runtime's `Tensor`.
 *
 * @module
 */
import type { InferenceSession, Tensor } from "onnxruntime-common";

export type { InferenceSession, Tensor };

/** The constructor of a runtime's tensors (the common `Tensor` class of that runtime). */
export type TensorCtor = typeof Tensor;

/** What the engine needs from an ONNX Runtime module (`onnxruntime-node` or `onnxruntime-web`). */
export interface OrtRuntime {
  /** The runtime's tensor class. */
  readonly Tensor: TensorCtor;
  /** The runtime's session factory. */
  readonly InferenceSession: {
    /** A model's bytes, or (Deno) a file path / (browser) a URL. */
    create(
      model: Uint8Array | string,
      options?: InferenceSession.SessionOptions,
    ): Promise<InferenceSession>;
  };
}
