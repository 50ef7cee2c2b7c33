// Generates tests/sites/data/deep_object_diff_cases.json from the real npm package.
// Run once (needs `npm install deep-object-diff@1.1.9` in the working folder):
//   node tests/sites/data/gen_deep_object_diff_cases.mjs > tests/sites/data/deep_object_diff_cases.json
import { createRequire } from 'module';
import { readFileSync } from 'fs';
const require = createRequire(process.cwd() + '/');
const { detailedDiff } = require('deep-object-diff');
const version = JSON.parse(readFileSync(process.cwd() + '/node_modules/deep-object-diff/package.json', 'utf8')).version;

let seed = 20240718;
const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const KEYS = ['a', 'b', 'c', 'id', 'name', 'items', '0', '1', 'x'];
const SCALARS = [0, 1, 1.5, -2, true, false, null, '', 'a', '1', 'true', 'noodles'];

function value(depth) {
  const r = rand();
  if (depth <= 0 || r < 0.4) return pick(SCALARS);
  if (r < 0.55) return {};
  if (r < 0.65) return [];
  if (r < 0.82) return Array.from({ length: 1 + Math.floor(rand() * 3) }, () => value(depth - 1));
  const o = {};
  for (let i = 0, n = 1 + Math.floor(rand() * 3); i < n; i++) o[pick(KEYS)] = value(depth - 1);
  return o;
}

function mutate(v, depth) {
  const r = rand();
  if (r < 0.12) return value(depth);                       // replace (object <-> scalar, ...)
  if (Array.isArray(v)) {
    const out = v.map((x) => (rand() < 0.3 ? mutate(x, depth - 1) : x));
    if (rand() < 0.3) out.push(value(depth - 1));           // append
    if (rand() < 0.25 && out.length) out.splice(Math.floor(rand() * out.length), 1); // shrink
    if (rand() < 0.1) return [];
    return out;
  }
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v)) {
      const q = rand();
      if (q < 0.15) continue;                                 // delete key
      out[k] = q < 0.45 ? mutate(v[k], depth - 1) : v[k];
    }
    if (rand() < 0.3) out[pick(KEYS)] = value(depth - 1);   // add key
    if (rand() < 0.05) return {};
    return out;
  }
  return rand() < 0.5 ? v : pick(SCALARS);
}

const cases = [];
for (let i = 0; i < 3000; i++) {
  const lhs = rand() < 0.1 ? value(4) : { root: value(4), list: [value(2), value(2)] };
  const rhs = rand() < 0.05 ? value(4) : mutate(lhs, 5);
  cases.push({ lhs, rhs, diff: JSON.parse(JSON.stringify(detailedDiff(lhs, rhs))) });
}
process.stdout.write(JSON.stringify({ package: 'deep-object-diff', version, cases }) + '\n');
