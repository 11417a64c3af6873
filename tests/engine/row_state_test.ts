/** The end conditions of one generated row (src/engine/row_state.ts). */
import assert from "node:assert/strict";
import { type RowSettings, RowState } from "../../src/engine/row_state.ts";

const EOS = 1;

function settings(over: Partial<RowSettings> = {}): RowSettings {
  return {
    maxNewTokens: 8,
    eosIds: new Set([EOS]),
    ignoreEos: false,
    stop: [],
    decoding: { kind: "greedy" },
    decode: (ids) => ids.map((i) => `t${i}`).join(" "),
    ...over,
  };
}

/** A logits row whose argmax is `id`. */
function logitsFor(id: number, vocab = 4): Float32Array {
  const row = new Float32Array(vocab);
  row[id] = 5;
  return row;
}

Deno.test("a row stops at eos, with eos as its last token and finish reason eos", () => {
  const row = new RowState(0, settings());
  row.push(logitsFor(2), 1);
  assert.equal(row.finish, undefined);
  row.push(logitsFor(EOS), 2);
  assert.equal(row.finish, "eos");
  assert.deepEqual(row.tokens, [2, EOS]);
});

Deno.test("with ignoreEos a row runs past eos to its length", () => {
  const row = new RowState(0, settings({ ignoreEos: true, maxNewTokens: 2 }));
  row.push(logitsFor(EOS), 1);
  assert.equal(row.finish, undefined);
  row.push(logitsFor(EOS), 2);
  assert.equal(row.finish, "length");
});
