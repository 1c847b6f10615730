// Compiles the upgrader canister with the npm Motoko compiler (the version in .ci/install-tools),
// writing upgrader.wasm and upgrader.wasm.sha256 beside this script. `--check` compiles to memory
// and exits non-zero when the result differs from the committed module.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const root = path.resolve(__dirname, '../../../..');
const mo = require(path.join(root, '.tools/npm/node_modules/motoko'));
mo.loadPackage(require(path.join(root, '.tools/npm/node_modules/motoko/packages/latest/core.json')));
mo.setPublicMetadata(['candid:service', 'candid:args']);
for (const file of ['Upgrader.mo']) mo.write(file, fs.readFileSync(path.join(__dirname, file), 'utf8'));
const check = mo.check('Upgrader.mo');
const errors = check.filter((d) => d.severity === 1);
for (const d of check.filter((d) => d.severity !== 1)) console.error(`warning: ${d.source}:${d.range.start.line + 1}: ${d.message}`);
if (errors.length > 0) {
  for (const d of errors) console.error(`${d.source}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
  process.exit(1);
}
const { wasm } = mo.wasm('Upgrader.mo', 'ic');
const sha = crypto.createHash('sha256').update(wasm).digest('hex');
const wasmPath = path.join(__dirname, 'upgrader.wasm');
if (process.argv.includes('--check')) {
  const committed = fs.readFileSync(wasmPath);
  if (!committed.equals(Buffer.from(wasm))) {
    console.error(`upgrader.wasm is stale: compiling Upgrader.mo gives sha256 ${sha}, committed is ${crypto.createHash('sha256').update(committed).digest('hex')}`);
    process.exit(1);
  }
  console.log(`upgrader.wasm matches Upgrader.mo (sha256 ${sha})`);
} else {
  fs.writeFileSync(wasmPath, wasm);
  fs.writeFileSync(path.join(__dirname, 'upgrader.wasm.sha256'), `${sha}  upgrader.wasm\n`);
  console.log(`upgrader.wasm: ${wasm.length} bytes, sha256 ${sha}`);
}
