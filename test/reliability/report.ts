/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- a report script in plain Node, never inside n8n */
/**
 * `npm run reliability`: runs the fault matrix and the bad-input table with jest and writes
 * what they proved to docs/RELIABILITY.md, so the document is always a result, never a claim.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FAULT_MATRIX_CASES, FAULT_MATRIX_OPERATIONS } from '../node/fault-matrix.cases';

interface AssertionResult {
	ancestorTitles: string[];
	title: string;
	status: string;
}

const root = join(__dirname, '..', '..');
const folder = mkdtempSync(join(tmpdir(), 'evovoice-reliability-'));
const resultsFile = join(folder, 'results.json');
const run = spawnSync(
	'npx',
	['jest', '--json', `--outputFile=${resultsFile}`, 'test/node/fault-matrix.test.ts', 'test/node/errors.test.ts'],
	{ cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
	testResults: Array<{ assertionResults: AssertionResult[] }>;
};
rmSync(folder, { recursive: true, force: true });
const assertions = results.testResults.flatMap((file) => file.assertionResults);

const mark = (status: string | undefined) => (status === 'passed' ? '✅' : status === undefined ? '—' : '❌');
const statusOf = (ancestor: string, title: string) =>
	assertions.find((entry) => entry.ancestorTitles.includes(ancestor) && entry.title === title)?.status;

const hold = FAULT_MATRIX_OPERATIONS[0];
const matrixRows = FAULT_MATRIX_CASES.map((faultCase) => {
	const expected = faultCase.expect(hold);
	const outcome =
		expected.failedItems.length === 0
			? 'both items succeed'
			: `item${expected.failedItems.length > 1 ? 's' : ''} ${expected.failedItems.join(', ')} on the error output: "${expected.message}"${expected.httpCode ? ` (httpCode ${expected.httpCode})` : ''}`;
	const cells = FAULT_MATRIX_OPERATIONS.map((operation) => mark(statusOf(operation.name, faultCase.name)));
	return `| ${faultCase.name} | ${cells.join(' | ')} | ${outcome.replace(/\|/g, '\\|')}; requests: ${expected.requests.join(', ')} |`;
});

const badInputSuffix = ' fails with a NodeOperationError naming the parameter and the item';
const badInput = assertions.filter(
	(entry) => entry.ancestorTitles.includes('parameters are checked before any request') && entry.title.endsWith(badInputSuffix),
);

const passed = assertions.filter((entry) => entry.status === 'passed').length;
const document = `# Reliability: what the node does when Evo Voice (or the network) misbehaves

Written by \`npm run reliability\` from a run of \`test/node/fault-matrix.test.ts\` and
\`test/node/errors.test.ts\` (${passed} of ${assertions.length} tests passed). Do not edit by hand.

## Fault matrix

Each cell is one test through n8n-core's engine against the simulator, with On Error →
Continue (using error output) and two input items: the fault hits the first request after
sign-in (or the sign-in itself), the second item goes through as usual. Every test also checks
the requests made (count and host: a second server proves that no redirect reaches another
host) and that neither the password nor the session cookie appears anywhere in the run.
The outcome and requests columns are written for Hold. Every operation waits out a 429 (Evo
Voice refused the request before acting on it). A 502 is sent again only by the reads and Hold
(idempotent); ${FAULT_MATRIX_OPERATIONS.filter((operation) => operation.repeat === 'change').map((operation) => operation.name).join(', ')}
each dial, invite, move, end or send something, which must never happen twice, so after a 5xx,
a reset, silence or a body cut short their item fails and says the change may have been made
and was not sent again. End and Transfer take an empty 200 as their documented void answer and
read the session back.

| Fault | ${FAULT_MATRIX_OPERATIONS.map((operation) => operation.name).join(' | ')} | Outcome (Hold) |
|---|${FAULT_MATRIX_OPERATIONS.map(() => '---').join('|')}|---|
${matrixRows.join('\n')}

## Bad input

Each case fails before any request is sent, with a NodeOperationError that names the parameter
and the item.

| Case | Result |
|---|---|
${badInput.map((entry) => `| ${entry.title.slice(0, -badInputSuffix.length)} | ${mark(entry.status)} |`).join('\n')}
`;
writeFileSync(join(root, 'docs', 'RELIABILITY.md'), document);
console.log(`docs/RELIABILITY.md written: ${passed}/${assertions.length} passed`);
process.exit(run.status ?? 1);
