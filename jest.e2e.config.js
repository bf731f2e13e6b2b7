/**
 * The end-to-end suite: a real n8n (installed once into a cache) runs the packed package, once
 * per n8n version in the matrix. Each version is a pin folder in test/e2e:
 * - `n8n`: the newest 2.x, which every file runs on (moving to a newer 2.x is the n8n version in
 *   its package.json, and its lockfile remade);
 * - `n8n-1x`: the newest 1.x;
 * - `n8n-2.40`: the previous 2.x, only for the files where n8n 2.40 behaves differently.
 * EVOVOICE_N8N_PINS=n8n (comma-separated) runs a subset.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/** The files each pin runs (all when `only` is absent) and leaves out. */
const MATRIX = {
	// The edit test (Save, then Publish through the REST API) is proven on 2.40.7: it runs there.
	n8n: { skip: ['trigger-edited'] },
	// Durable poll cursors are n8n 2.x's; on 1.x the trigger's state is saved the same way as
	// 2.x's legacy poller, which 2.x covers.
	'n8n-1x': { skip: ['trigger-restart', 'trigger-restart-durable', 'trigger-edited'] },
	// The poll code (budget, cursors, static data) and the request helpers of 2.40.7 and 2.41.1
	// are the same; the durable scheduler that runs polls with durable cursors is not (2.41
	// starts it after its system tasks are set up, and updates scheduled jobs' run options).
	// The AI Agent and MCP runs too: agents were first tried with this package on 2.40.7, and the
	// way n8n activates a published workflow's webhook and MCP paths is each version's own.
	'n8n-2.40': { only: ['trigger-restart-durable', 'trigger-edited', 'ai-agent', 'mcp'] },
};

const pins = (process.env.EVOVOICE_N8N_PINS ?? Object.keys(MATRIX).join(',')).split(',').filter(Boolean);

module.exports = {
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	testSequencer: '<rootDir>/test/e2e/sequencer.js',
	testTimeout: 600_000,
	// One n8n user folder, simulator and ports per file, so files can run side by side: most of
	// the suite's time is spent waiting for n8n's once-a-minute polls and the chat's 3-second
	// checks, not computing, so three at once keep a 2-core machine busy without starving a file.
	// EVOVOICE_E2E_WORKERS sets another number.
	maxWorkers: Number(process.env.EVOVOICE_E2E_WORKERS ?? 3),
	projects: pins.map((pin) => {
		const pinned = JSON.parse(readFileSync(join(__dirname, 'test', 'e2e', pin, 'package.json'), 'utf8'));
		const { only, skip = [] } = MATRIX[pin] ?? {};
		return {
			displayName: `n8n ${pinned.dependencies.n8n}`,
			preset: 'ts-jest',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e'],
			testMatch: (only ?? ['*']).map((name) => `**/${name}.e2e.test.ts`),
			testPathIgnorePatterns: ['/node_modules/', ...skip.map((name) => `/${name}\\.e2e\\.test\\.ts$`)],
			// The pin folders hold package.json files, not modules the tests import.
			modulePathIgnorePatterns: ['<rootDir>/test/e2e/n8n[^/]*/'],
			testTimeout: 600_000,
			// Read by selectedPin() in test/e2e/n8n.ts.
			globals: { EVOVOICE_N8N_PIN: pin },
		};
	}),
};
