/**
 * A claim owner for tests, run as its own process (in a UTS namespace with another host name
 * where `unshare` allows): claims one cell of a store, prints `{"claimed": owner}`, then with
 * `die` exits at once, with `hold` waits for its stdin to close and exits. Either way it never
 * releases the claim: its file stays behind, and only the kernel drops its lock.
 *
 * `deno run --allow-read --allow-write=STORE --allow-sys=hostname _claim_holder.ts STORE KEY
 * die|hold [FAKE_HOST]` (FAKE_HOST: the host name to claim under where no namespace can be
 * made).
 *
 * @module
 */
import { Claims } from "../../src/scheduler/claims.ts";
import { thisOwner } from "../../src/scheduler/owner.ts";

const [store, key, mode, fakeHost] = Deno.args;
if (!store || !key || (mode !== "die" && mode !== "hold")) {
  console.error("usage: _claim_holder.ts STORE KEY die|hold [FAKE_HOST]");
  Deno.exit(2);
}
const me = thisOwner();
const owner = fakeHost ? { ...me, host: fakeHost } : me;
const holder = await new Claims(store, owner).claim(key);
if (holder !== null) {
  console.error(`the cell is held by pid ${holder.pid}`);
  Deno.exit(3);
}
console.log(JSON.stringify({ claimed: owner }));
if (mode === "hold") {
  for await (const _ of Deno.stdin.readable) { /* until the parent closes stdin */ }
}
Deno.exit(0);
