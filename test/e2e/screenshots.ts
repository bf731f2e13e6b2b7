/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- command-line tool that drives a browser from plain Node, never inside n8n */
/**
 * `npm run screenshots`: pictures of the package in the n8n editor for the README, taken in a
 * fresh local n8n against the simulator, in headless Chromium from Debian's `chromium` package
 * (`apt-get install chromium`) driven by playwright-core:
 *   docs/evo-voice-actions.png     the node's actions in n8n's node panel
 *   docs/evo-voice-run-output.png  a run of the "hold and add a supervisor" example, last node open
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';

import { packagedN8nWithSimulator, readExamples } from './fixtures';
import { N8nRestClient, REPO_ROOT } from './n8n';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the networking flags Chromium's start-up connections are refused on closed networks.
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--no-first-run',
];
const DOCS_FOLDER = join(REPO_ROOT, 'docs');
const RUN_EXAMPLE = 'evoExEscalate01';

/** Lets the editor's slide-in panels finish moving before a picture is taken. */
async function settle(page: Page) {
	await page.waitForTimeout(1000);
}

async function main() {
	if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
	const { simulator, instance } = await packagedN8nWithSimulator();
	await instance.importWorkflows(readExamples());
	const n8n = await instance.start();
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
	try {
		const rest = await N8nRestClient.signIn(n8n.url);
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		await context.addCookies(
			rest.cookie.split('; ').map((pair) => {
				const split = pair.indexOf('=');
				return { name: pair.slice(0, split), value: pair.slice(split + 1), url: n8n.url };
			}),
		);
		selectors.setTestIdAttribute('data-test-id');
		const page = await context.newPage();
		mkdirSync(DOCS_FOLDER, { recursive: true });

		await page.goto(`${n8n.url}/workflow/${RUN_EXAMPLE}`);
		await page.getByTestId('node-creator-plus-button').click();
		await page.keyboard.type('Evo Voice');
		await page.getByTestId('node-creator-item-name').filter({ hasText: 'Evo Voice' }).first().click();
		await page.getByText('Hold a session').waitFor();
		await page.getByText(/^Triggers \(\d+\)/).click();
		await page.getByText('On session started').waitFor();
		await settle(page);
		await page.screenshot({ path: join(DOCS_FOLDER, 'evo-voice-actions.png') });
		await page.keyboard.press('Escape');

		await page.goto(`${n8n.url}/workflow/${RUN_EXAMPLE}`);
		await page.getByTestId('execute-workflow-button').click();
		const lastNode = page.locator('[data-test-id="canvas-node"][data-node-name="Add Supervisor"]');
		await lastNode.getByTestId('canvas-node-status-success').waitFor({ timeout: 30_000 });
		await lastNode.dblclick();
		await page.getByTestId('output-panel').getByTestId('radio-button-json').click();
		await page.getByTestId('output-panel').getByText('callState').first().waitFor();
		// The JSON view renders only the rows in sight: scroll down to the conference and its members.
		await page.getByTestId('output-panel').getByText('callState').first().hover();
		await page.mouse.wheel(0, 700);
		await page.getByTestId('output-panel').getByText('conferenceSid').first().waitFor();
		await settle(page);
		await page.screenshot({ path: join(DOCS_FOLDER, 'evo-voice-run-output.png') });
		process.stdout.write(`Saved docs/evo-voice-actions.png and docs/evo-voice-run-output.png\n`);
	} finally {
		await browser.close();
		await n8n.stop();
		await simulator.close();
		instance.remove();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
