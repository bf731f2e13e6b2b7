/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- command-line tool that runs in plain Node, never inside n8n */
/**
 * `npm run screenshots`: the README's pictures, refreshed from the editor test's walk
 * (`npm run test:editor`, test/e2e/editor/walk.ts), so they show what that test checked:
 *   docs/evo-voice-actions.png     the node's actions in n8n's node panel
 *   docs/evo-voice-run-output.png  a run of the "hold and add a supervisor" example, last node open
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { CHROMIUM, DEFAULT_SHOTS_FOLDER, README_PICTURES, walkEditor } from './editor/walk';
import { REPO_ROOT } from './n8n';

const DOCS_FOLDER = join(REPO_ROOT, 'docs');

async function main() {
	if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
	const folder = process.env.EVOVOICE_EDITOR_SHOTS ?? DEFAULT_SHOTS_FOLDER;
	process.stdout.write(`Walking the editor; screenshots in ${folder}\n`);
	const { screenshots } = await walkEditor(folder);
	mkdirSync(DOCS_FOLDER, { recursive: true });
	for (const [stepName, picture] of Object.entries(README_PICTURES)) {
		const shot = screenshots.get(stepName);
		if (!shot) throw new Error(`The editor walk took no "${stepName}" screenshot`);
		copyFileSync(shot, join(DOCS_FOLDER, picture));
		process.stdout.write(`Saved docs/${picture} (step ${stepName})\n`);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
