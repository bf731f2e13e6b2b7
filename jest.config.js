/** Unit and in-process engine tests; the end-to-end suite in test/e2e runs separately. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	// After the framework is set up, so the folder can be removed when the file's tests are done.
	setupFilesAfterEnv: ['<rootDir>/test/harness/isolated-n8n-folder.js'],
};
