/**
 * The shape pairs of "Efficiency at real sizes": which random-weight encoder-decoder shape is
 * set against which decoder-only one, by their ids in the shape catalog (`models/shapes.json`).
 * The one list: the report's reduction (`shape_ratios.ts`), the terminal report and the site
 * read it.
 *
 * @module
 */

/** An encoder-decoder shape against a decoder-only one. */
export interface ShapePair {
  /** Catalog id of the encoder-decoder shape (the ratio's numerator). */
  readonly encDec: string;
  /** Catalog id of the decoder-only shape (the ratio's denominator). */
  readonly decOnly: string;
  /** Why these two are compared, in a few words. */
  readonly why: string;
}

/** The pairs, in the order the tables show them. */
export const SHAPE_PAIRS: readonly ShapePair[] = [
  {
    encDec: "mu",
    decOnly: "mu-twin",
    why: "the paper's comparison: Mu against a decoder-only twin of the same parameter count",
  },
  {
    encDec: "mu",
    decOnly: "qwen2.5-0.5b",
    why: "Mu against the largest decoder-only shape",
  },
  {
    encDec: "flan-t5-small",
    decOnly: "smollm2-135m",
    why: "public models near 100M parameters",
  },
  {
    encDec: "flan-t5-small",
    decOnly: "gpt2",
    why: "public models near 100M parameters; GPT-2 is the shape of LaMini-GPT-124M",
  },
  {
    encDec: "flan-t5-base",
    decOnly: "smollm2-360m",
    why: "public models near 300M parameters",
  },
];
