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
	// One n8n user folder, simulator and ports per file, so two files can run side by side: most
	// of the suite's time is spent waiting for n8n's once-a-minute polls, not computing.
	maxWorkers: 2,
	projects: pins.map((pin) => {
		const pinned = JSON.parse(readFileSync(join(__dirname, 'test', 'e2e', pin, 'package.json'), 'utf8'));
		return {
			displayName: `n8n ${pinned.dependencies.n8n}`,
			preset: 'ts-jest',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.e2e.test.ts'],
			// Durable poll cursors, which the restart test exists for, are n8n 2.x's; on 1.x the
			// trigger's state is saved the same way as 2.x's legacy poller, which 2.x covers.
			testPathIgnorePatterns: pin === 'n8n-1x' ? ['/node_modules/', 'trigger-restart'] : ['/node_modules/'],
			testTimeout: 600_000,
			// Read by selectedPin() in test/e2e/n8n.ts.
			globals: { EVOVOICE_N8N_PIN: pin },
		};
	}),
};
