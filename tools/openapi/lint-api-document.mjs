#!/usr/bin/env node
// Lints the api's OpenAPI document with Redocly's `recommended` rules, as redocly.yaml (repo root) sets them.
//   node tools/openapi/lint-api-document.mjs http://localhost:3000/api/docs/openapi.json
//   node tools/openapi/lint-api-document.mjs openapi.json --json   (the problems as JSON, for the api document spec)
// Exits 1 on any error or warning. A separate script because @redocly/openapi-core is an ES module,
// which the CommonJS jest specs cannot load.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatProblems, getTotals, lintFromString, loadConfig } from '@redocly/openapi-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [target = 'http://localhost:3000/api/docs/openapi.json', ...flags] = process.argv.slice(2);
const source = /^https?:\/\//.test(target) ? await (await fetch(target)).text() : await readFile(target, 'utf8');
const config = await loadConfig({ configPath: join(root, 'redocly.yaml') });
const absoluteRef = /^https?:\/\//.test(target) ? target : pathToFileURL(resolve(target)).href;
const problems = await lintFromString({ source, absoluteRef, config });
if (flags.includes('--json')) {
  const out = problems.map((p) => ({ ruleId: p.ruleId, severity: p.severity, message: p.message, pointer: p.location?.[0]?.pointer }));
  process.stdout.write(`${JSON.stringify(out)}\n`);
} else {
  formatProblems(problems, { totals: getTotals(problems), format: 'stylish', color: process.stdout.isTTY });
  if (!problems.length) console.log(`${target}: no problems (Redocly recommended, redocly.yaml)`);
}
process.exit(problems.length ? 1 : 0);
