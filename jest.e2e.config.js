/** The end-to-end suite: a real n8n (installed once into a cache) runs the packed package. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	testTimeout: 600_000,
	// One n8n user folder and simulator per file; the files run one after another.
	maxWorkers: 1,
};
