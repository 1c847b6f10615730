// Runs a Motoko program (standard input) in the npm compiler's interpreter, with the audit log's Icrc3.mo
// importable as "Icrc3"; prints what the program prints. Exit 1 on a compile or run error.
const fs = require('fs');
const path = require('path');
const root = path.resolve(__dirname, '../../..');
const prefix = process.env.IC_OPERATOR_NPM_PREFIX || path.join(root, '.tools/npm');
const mo = require(path.join(prefix, 'node_modules/motoko'));
mo.loadPackage(require(path.join(prefix, 'node_modules/motoko/packages/latest/core.json')));
mo.write('Icrc3.mo', fs.readFileSync(path.join(root, 'src/IcOperator/Audit/LogCanister/Icrc3.mo'), 'utf8'));
mo.write('Program.mo', fs.readFileSync(0, 'utf8'));
const result = mo.run('Program.mo');
process.stdout.write(result.stdout);
if (result.stderr || result.result.error) {
  process.stderr.write(result.stderr || JSON.stringify(result.result.error));
  process.exit(1);
}
