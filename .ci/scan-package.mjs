// The static analysis of n8n's verification gate (@n8n/scan-community-package), run locally:
// its ESLint configuration on the source it would fetch (the repo's nodes, credentials and
// package.json) and on the tarball `npm pack` makes. The gate's other half, the provenance
// check, needs a published version: `npm publish --provenance` in .github/workflows/publish.yml.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Its CLI only scans a package downloaded from the registry; these are the functions it calls.
import { SOURCE_FILE_PATTERNS, analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'evovoice-scan-'));
try {
	execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
	execFileSync('tar', ['-xzf', tarball, '-C', work, '--strip-components=1'], { cwd: work });

	const legs = [
		['source', await analyzePackage(repoRoot, SOURCE_FILE_PATTERNS)],
		// As the gate scans the published artifact: compiled JavaScript and package.json only.
		['packed tarball', await analyzePackage(work, ['**/*.js', 'package.json'])],
	];
	for (const [leg, result] of legs) {
		console.log(`${result.passed ? 'passed' : 'FAILED'}: ${leg}${result.message ? ` (${result.message})` : ''}`);
		if (result.details) console.log(result.details);
	}
	if (!legs.every(([, result]) => result.passed)) process.exitCode = 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
