/**
 * The dtype variants of a model's ONNX files and the file-name suffix of each,
 * as transformers.js names them (`decoder_model_merged_quantized.onnx` is the
 * q8 variant). The engine picks a variant's files by it
 * (`engine/pick_layout.ts`); the site's device page chooses which files to
 * copy by it.
 *
 * @module
 */

/** File-name suffix of each dtype, as transformers.js names them. */
export const DTYPE_SUFFIX: Readonly<Record<string, string>> = {
  fp32: "",
  fp16: "_fp16",
  q8: "_quantized",
  int8: "_int8",
  uint8: "_uint8",
  q4: "_q4",
  q4f16: "_q4f16",
  bnb4: "_bnb4",
};
