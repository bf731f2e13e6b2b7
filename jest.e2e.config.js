/**
 * The end-to-end suite: a real n8n (installed once into a cache) runs the packed package. It runs
 * once per n8n version in the matrix, each a pin folder in test/e2e: `n8n` (2.x) and `n8n-1x`
 * (the newest 1.x). EVOVOICE_N8N_PINS=n8n (comma-separated) runs a subset.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const pins = (process.env.EVOVOICE_N8N_PINS ?? 'n8n,n8n-1x').split(',').filter(Boolean);

module.exports = {
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	testTimeout: 600_000,
	// One n8n user folder and simulator per file; the files (and versions) run one after another.
	maxWorkers: 1,
	projects: pins.map((pin) => {
		const pinned = JSON.parse(readFileSync(join(__dirname, 'test', 'e2e', pin, 'package.json'), 'utf8'));
		return {
			displayName: `n8n ${pinned.dependencies.n8n}`,
			preset: 'ts-jest',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.e2e.test.ts'],
			testTimeout: 600_000,
			// Read by selectedPin() in test/e2e/n8n.ts.
			globals: { EVOVOICE_N8N_PIN: pin },
		};
	}),
};
