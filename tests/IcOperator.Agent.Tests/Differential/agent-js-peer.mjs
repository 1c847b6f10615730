// Answers a batch of questions with @icp-sdk/core: request ids, principal texts, CBOR re-encodings and
// query response hashes. Reads one JSON document on stdin, writes one JSON document on stdout.
import { requestIdOf, hashOfMap, Cbor, reconstruct, lookup_path } from '@icp-sdk/core/agent';
import { Principal } from '@icp-sdk/core/principal';

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const bytes = (h) => new Uint8Array(Buffer.from(h, 'hex'));

let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', async () => {
  const q = JSON.parse(input);
  const requestIds = q.requests.map((r) => {
    const content = {
      request_type: r.type,
      sender: Principal.fromHex(r.sender),
      ingress_expiry: BigInt(r.expiry),
    };
    if (r.nonce !== null) content.nonce = bytes(r.nonce);
    if (r.type === 'read_state') {
      content.paths = r.paths.map((p) => p.map(bytes));
    } else {
      content.canister_id = Principal.fromHex(r.canister);
      content.method_name = r.method;
      content.arg = bytes(r.arg);
    }
    return hex(requestIdOf(content));
  });
  const principals = q.principals.map((p) => Principal.fromHex(p).toText());
  const parsed = q.principalTexts.map((t) => Principal.fromText(t).toHex().toLowerCase());
  const cbor = q.cbor.map((c) => hex(Cbor.encode(Cbor.decode(bytes(c)))));
  const queryHashes = q.queryResponses.map((r) =>
    hex(
      hashOfMap(
        r.replied
          ? { status: 'replied', reply: { arg: bytes(r.arg) }, timestamp: BigInt(r.timestamp), request_id: bytes(r.requestId) }
          : { status: 'rejected', reject_code: r.code, reject_message: r.message, error_code: r.errorCode, timestamp: BigInt(r.timestamp), request_id: bytes(r.requestId) },
      ),
    ),
  );
  const trees = [];
  for (const t of q.trees) {
    const tree = Cbor.decode(bytes(t.tree));
    const lookups = t.paths.map((p) => {
      const found = lookup_path(p.map(bytes), tree);
      return found.status + (found.value ? ':' + hex(found.value) : '');
    });
    trees.push({ root: hex(await reconstruct(tree)), lookups });
  }
  process.stdout.write(JSON.stringify({ requestIds, principals, parsed, cbor, queryHashes, trees }));
});
