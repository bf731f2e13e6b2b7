/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- command-line entry point that runs in plain Node, never inside n8n */
/**
 * `npm run test:editor`: walks the n8n editor with this package (see walk.ts) and exits non-zero
 * when a step fails. Screenshots go to `.e2e/editor` (or EVOVOICE_EDITOR_SHOTS), printed first.
 */
import { existsSync } from 'node:fs';

import { CHROMIUM, DEFAULT_SHOTS_FOLDER, walkEditor } from './walk';

async function main() {
	if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
	const folder = process.env.EVOVOICE_EDITOR_SHOTS ?? DEFAULT_SHOTS_FOLDER;
	process.stdout.write(`Editor test: screenshots in ${folder}\n`);
	const { screenshots } = await walkEditor(folder);
	process.stdout.write(`Editor test passed: ${screenshots.size} steps, screenshots in ${folder}\n`);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
