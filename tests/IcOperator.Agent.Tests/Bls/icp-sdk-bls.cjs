// Drives @icp-sdk/core (and the @noble/curves it ships) for the BLS interop tests.
//   verify <pk hex> <sig hex> <msg hex>               -> true | false   (blsVerify)
//   certificate <cbor hex> <root key DER hex> <canister> -> ok | rejected: <reason>   (Certificate.create)
//   sign <msg hex>                                      -> {"publicKey": hex, "signature": hex}   (noble, fresh key)
const { blsVerify, Certificate } = require('@icp-sdk/core/agent');
const { Principal } = require('@icp-sdk/core/principal');
const { bls12_381 } = require('@noble/curves/bls12-381.js');

const hex = (h) => Uint8Array.from(Buffer.from(h, 'hex'));
const toHex = (b) => Buffer.from(b).toString('hex');

async function main([command, ...args]) {
  switch (command) {
    case 'verify':
      return String(blsVerify(hex(args[0]), hex(args[1]), hex(args[2])));
    case 'certificate':
      try {
        await Certificate.create({ certificate: hex(args[0]), rootKey: hex(args[1]), principal: { canisterId: Principal.fromText(args[2]) } });
        return 'ok';
      } catch (e) {
        return 'rejected: ' + (e && e.message ? e.message : String(e)).split('\n')[0];
      }
    case 'sign': {
      const short = bls12_381.shortSignatures;
      const { secretKey, publicKey } = short.keygen();
      const signature = short.sign(short.hash(hex(args[0])), secretKey);
      return JSON.stringify({ publicKey: toHex(publicKey.toBytes(true)), signature: toHex(signature.toBytes(true)) });
    }
    default:
      throw new Error('unknown command ' + command);
  }
}

main(process.argv.slice(2)).then((out) => process.stdout.write(out + '\n'), (e) => { console.error(e); process.exit(2); });
