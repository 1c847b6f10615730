// An outside ICRC-3 client for the audit log, written only with @icp-sdk/core and Node's crypto: it reads every
// block with icrc3_get_blocks, recomputes each block's representation-independent hash and the phash chain,
// and verifies icrc3_get_tip_certificate with the agent's Certificate (BLS signature against the root key the
// agent fetched from /api/v2/status, certified_data = the root of the tip's hash tree).
// Usage: node icrc3-reader.cjs <replica URL> <log canister id>; prints one JSON line.
const { HttpAgent, Actor, Certificate, Cbor, reconstruct, lookup_path, lookupResultToBuffer } = require('@icp-sdk/core/agent');
const { Principal } = require('@icp-sdk/core/principal');
const { createHash } = require('node:crypto');

const [host, logId] = process.argv.slice(2);

const idl = ({ IDL }) => {
  const Value = IDL.Rec();
  Value.fill(IDL.Variant({
    Blob: IDL.Vec(IDL.Nat8), Text: IDL.Text, Nat: IDL.Nat, Int: IDL.Int,
    Array: IDL.Vec(Value), Map: IDL.Vec(IDL.Tuple(IDL.Text, Value)),
  }));
  const GetBlocksArgs = IDL.Vec(IDL.Record({ start: IDL.Nat, length: IDL.Nat }));
  const GetBlocksResult = IDL.Rec();
  GetBlocksResult.fill(IDL.Record({
    log_length: IDL.Nat,
    blocks: IDL.Vec(IDL.Record({ id: IDL.Nat, block: Value })),
    archived_blocks: IDL.Vec(IDL.Record({ args: GetBlocksArgs, callback: IDL.Func([GetBlocksArgs], [GetBlocksResult], ['query']) })),
  }));
  const DataCertificate = IDL.Record({ certificate: IDL.Vec(IDL.Nat8), hash_tree: IDL.Vec(IDL.Nat8) });
  return IDL.Service({
    icrc3_get_blocks: IDL.Func([GetBlocksArgs], [GetBlocksResult], ['query']),
    icrc3_get_tip_certificate: IDL.Func([], [IDL.Opt(DataCertificate)], ['query']),
  });
};

const sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

const leb128 = (n, signed) => {
  const out = [];
  let v = BigInt(n);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = signed ? (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0) : v === 0n;
    out.push(done ? byte : byte | 0x80);
    if (done) return Buffer.from(out);
  }
};

const unleb128 = (bytes) => {
  let n = 0n;
  [...bytes].reverse().forEach(b => { n = (n << 7n) | BigInt(b & 0x7f); });
  return n;
};

// ICRC-3's representation-independent hash of a Value.
const hashValue = (value) => {
  if ('Blob' in value) return sha256(Buffer.from(value.Blob));
  if ('Text' in value) return sha256(Buffer.from(value.Text, 'utf8'));
  if ('Nat' in value) return sha256(leb128(value.Nat, false));
  if ('Int' in value) return sha256(leb128(value.Int, true));
  if ('Array' in value) return sha256(...value.Array.map(hashValue));
  const pairs = value.Map.map(([k, v]) => Buffer.concat([sha256(Buffer.from(k, 'utf8')), hashValue(v)]));
  pairs.sort(Buffer.compare);
  return sha256(...pairs);
};

const field = (block, name) => (block.Map.find(([k]) => k === name) || [])[1];

(async () => {
  const agent = await HttpAgent.create({ host, shouldFetchRootKey: true });
  const canisterId = Principal.fromText(logId);
  const log = Actor.createActor(idl, { agent, canisterId });

  const blocks = [];
  let length = 1n;
  while (BigInt(blocks.length) < length) {
    const page = await log.icrc3_get_blocks([{ start: BigInt(blocks.length), length: 100n }]);
    if (page.archived_blocks.length > 0) throw new Error('the log archives blocks');
    length = page.log_length;
    if (page.blocks.length === 0 && BigInt(blocks.length) < length) throw new Error(`no block from ${blocks.length}`);
    for (const { id, block } of page.blocks) {
      if (id !== BigInt(blocks.length)) throw new Error(`block ${id} where ${blocks.length} was expected`);
      blocks.push(block);
    }
  }

  const problems = [];
  let previous = null;
  blocks.forEach((block, i) => {
    const phash = field(block, 'phash');
    if (i === 0 && phash !== undefined) problems.push('block 0 has a phash');
    if (i > 0 && (phash === undefined || !Buffer.from(phash.Blob).equals(previous))) problems.push(`block ${i}: phash is not the hash of block ${i - 1}`);
    previous = hashValue(block);
  });

  const [tip] = await log.icrc3_get_tip_certificate();
  let certified = null;
  if (tip === undefined) {
    problems.push('no tip certificate');
  } else {
    try {
      const certificate = await Certificate.create({ certificate: new Uint8Array(tip.certificate), rootKey: agent.rootKey, principal: { canisterId } });
      const certifiedData = lookupResultToBuffer(certificate.lookup_path(['canister', canisterId.toUint8Array(), 'certified_data']));
      const tree = Cbor.decode(new Uint8Array(tip.hash_tree));
      if (!certifiedData || !Buffer.from(await reconstruct(tree)).equals(Buffer.from(certifiedData))) {
        problems.push('certified_data is not the root of the tip tree');
      }

      const index = lookupResultToBuffer(lookup_path(['last_block_index'], tree));
      const hash = lookupResultToBuffer(lookup_path(['last_block_hash'], tree));
      certified = { lastBlockIndex: Number(unleb128(index)), lastBlockHash: Buffer.from(hash).toString('hex') };
      if (certified.lastBlockIndex !== blocks.length - 1 || certified.lastBlockHash !== previous.toString('hex')) {
        problems.push('the certified tip is not the last block');
      }
    } catch (e) {
      problems.push(`tip certificate: ${e.message}`);
    }
  }

  console.log(JSON.stringify({
    blockCount: blocks.length,
    tipHash: previous ? previous.toString('hex') : null,
    certified,
    blockTypes: blocks.map(b => (field(b, 'btype') || {}).Text),
    problems,
  }));
})().catch(e => { console.error(e); process.exit(1); });
