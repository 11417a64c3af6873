/**
 * A fake LoadedModel for scheduler tests: generates instantly, records every
 * call, and answers each request with `reply` (default: maxNewTokens "x"s).
 *
 * @module
 */
import type {
  GenerateOptions,
  GenerateRequest,
  GenerateResult,
  LoadedModel,
} from "../../src/engine/types.ts";

/** A model that "generates" instantly and records what it was asked. */
export function fakeModel(
  architecture: "encoder-decoder" | "decoder-only",
  maxInputTokens: number,
  calls: { requests: GenerateRequest[]; options: GenerateOptions }[] = [],
  reply: (request: GenerateRequest, maxNewTokens: number) => string = (_, n) => "x".repeat(n),
): LoadedModel {
  const encode = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
  // Only the members the passes use; the cast keeps the test independent of the rest.
  const model: Pick<LoadedModel, "info" | "tokenizer" | "generate" | "dispose"> = {
    info: {
      dir: "/m",
      architecture,
      modelType: "fake",
      params: { total: 1 },
      bytes: 1,
      dtype: "fp32",
      files: [],
      maxInputTokens,
      loadMs: 1,
      kvCache: true,
      vocabSize: 256,
      idsOnly: false,
      target: "cpu",
    },
    tokenizer: { encode, decode: (ids) => String.fromCharCode(...ids) },
    generate(requests, options): Promise<GenerateResult[]> {
      calls.push({ requests, options });
      return Promise.resolve(requests.map((r) => {
        const n = options.maxNewTokens;
        return {
          text: reply(r, n),
          tokenIds: Array(n).fill(120),
          inputTokens: r.inputIds?.length ?? encode(r.text ?? "").length,
          outputTokens: n,
          finishReason: "length" as const,
          maxNewTokens: n,
          timings: {
            tokenizeMs: 0.1,
            encoderMs: 1,
            ttftMs: 2,
            tpotMs: n > 1 ? 0.5 : null,
            decodeTokensPerS: n > 1 ? 2000 : null,
            totalMs: 2 + 0.5 * (n - 1),
            sessionRunMs: 1,
            batchMs: 2,
            batchRows: 1,
          },
        };
      }));
    },
    dispose: () => Promise.resolve(),
  };
  return model as LoadedModel;
}
