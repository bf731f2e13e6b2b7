/**
 * Builds and packs the package once for the whole e2e run, rather than once per test file and
 * n8n version: every suite installs this same tarball (packPackage() in n8n.ts reads it).
 */
const { execFileSync } = require('node:child_process');
const { mkdirSync, readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async function packOnce() {
	const root = join(__dirname, '..', '..');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
	const destination = join(root, '.e2e', 'pack');
	rmSync(destination, { recursive: true, force: true });
	mkdirSync(destination, { recursive: true });
	execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: root, stdio: 'ignore' });
	const tarball = readdirSync(destination).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack wrote no tarball');
	process.env.EVOVOICE_PACKED_TARBALL = join(destination, tarball);
};
