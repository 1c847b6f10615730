#!/usr/bin/env node
// Compiles Motoko canisters with the npm compiler (motoko@4.10.0) and records their sha256 in SHA256SUMS.
//
//   node canisters/build.js [--check] [DIR ...]
//
// Each DIR holds Main.mo (or Main.mo.js, a Node module exporting the source) and gets DIR/<name>.wasm and
// DIR/<name>.did, where <name> is the directory's name. Without DIR, every directory beside this script is built.
// --check compiles without writing and fails when a module differs from the one committed.
// The compiler is loaded from MOTOKO_NODE_MODULES, else from .tools/npm/node_modules (see .ci/install-tools).
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const root = __dirname;
const repo = path.dirname(root);
const modules = process.env.MOTOKO_NODE_MODULES || path.join(repo, '.tools', 'npm', 'node_modules');
const expectedVersion = '4.10.0';

const args = process.argv.slice(2);
const check = args.includes('--check');
const dirs = args.filter((a) => a !== '--check');
const targets = (dirs.length > 0 ? dirs : fs.readdirSync(root).map((d) => path.join(root, d)))
  .map((d) => path.resolve(d))
  .filter((d) => fs.existsSync(path.join(d, 'Main.mo')) || fs.existsSync(path.join(d, 'Main.mo.js')));

if (targets.length === 0) {
  console.error('build.js: no canister directory (one holding Main.mo or Main.mo.js) given or found');
  process.exit(2);
}

const pkg = JSON.parse(fs.readFileSync(path.join(modules, 'motoko', 'package.json'), 'utf8'));
if (pkg.version !== expectedVersion) {
  console.error(`build.js: motoko ${pkg.version} found in ${modules}, expected ${expectedVersion}`);
  process.exit(2);
}

const mo = require(path.join(modules, 'motoko'));
mo.loadPackage(require(path.join(modules, 'motoko', 'packages', 'latest', 'core.json')));

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
let differences = 0;
for (const dir of targets) {
  const name = path.basename(dir);
  const source = fs.existsSync(path.join(dir, 'Main.mo'))
    ? fs.readFileSync(path.join(dir, 'Main.mo'), 'utf8')
    : require(path.join(dir, 'Main.mo.js'));
  mo.write('Main.mo', source);
  const result = mo.wasm('Main.mo', 'ic');
  const wasm = Buffer.from(result.wasm);
  const wasmPath = path.join(dir, `${name}.wasm`);
  const didPath = path.join(dir, `${name}.did`);
  if (check) {
    const committed = fs.existsSync(wasmPath) ? fs.readFileSync(wasmPath) : Buffer.alloc(0);
    if (!committed.equals(wasm)) {
      console.error(`${path.relative(repo, wasmPath)}: committed sha256 ${sha256(committed)}, compiled ${sha256(wasm)}`);
      differences++;
    } else {
      console.log(`${path.relative(repo, wasmPath)}: ${sha256(wasm)} matches`);
    }
  } else {
    fs.writeFileSync(wasmPath, wasm);
    fs.writeFileSync(didPath, result.candid);
    console.log(`${path.relative(repo, wasmPath)}: ${wasm.length} bytes, sha256 ${sha256(wasm)}`);
  }
}

// SHA256SUMS lists every committed module, in the format `sha256sum -c` reads.
const sums = fs.readdirSync(root)
  .filter((d) => fs.statSync(path.join(root, d)).isDirectory())
  .sort()
  .map((d) => path.join(d, `${d}.wasm`))
  .filter((f) => fs.existsSync(path.join(root, f)))
  .map((f) => `${sha256(fs.readFileSync(path.join(root, f)))}  ${f}\n`)
  .join('');
const sumsPath = path.join(root, 'SHA256SUMS');
if (check) {
  const committed = fs.existsSync(sumsPath) ? fs.readFileSync(sumsPath, 'utf8') : '';
  if (committed !== sums) {
    console.error('canisters/SHA256SUMS does not list the committed modules; run node canisters/build.js');
    differences++;
  }
} else {
  fs.writeFileSync(sumsPath, sums);
}

process.exit(differences === 0 ? 0 : 1);
