/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- command-line test that drives a browser from plain Node, never inside n8n */
/**
 * A new user's path through the n8n editor with this package, in headless Chromium (Debian's
 * `chromium`, driven by playwright-core), against a fresh pinned n8n with the packed package and
 * the simulator: the credential and its Test, the trigger's Fetch Test Event, every resource and
 * operation's panel, every list picker and its search, an example's run and its output, and the
 * node as an AI Agent's tool. Each step saves a screenshot; the first failing step stops the walk
 * (the panels step checks every operation first and reports them all).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';

import type { Simulator } from '../../simulator/server';
import { DEMO_USER } from '../../simulator/server';
import { MANAGER_SIMULATOR_CREDENTIAL, packagedN8nWithSimulator, readExamples } from '../fixtures';
import { N8nRestClient, REPO_ROOT } from '../n8n';
import type { PanelExpectation, PickerExpectation } from './expectations';
import { SESSION_PICKER_RECORDS, panelExpectations } from './expectations';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where `npm run test:editor` and `npm run screenshots` save the walk's screenshots by default. */
export const DEFAULT_SHOTS_FOLDER = join(REPO_ROOT, '.e2e', 'editor');
// Without the networking flags Chromium's start-up connections are refused on closed networks.
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Generous for a busy 2-core machine: every wait is for a condition, never a fixed time. */
const ACTION_TIMEOUT_MS = 60_000;
const RUN_TIMEOUT_MS = 180_000;

/** The example whose run the walk opens (and the README pictures). */
const RUN_EXAMPLE = { id: 'evoExEscalate01', lastNode: 'Add Supervisor' };
const NEW_CREDENTIAL_NAME = 'Evo Voice account';
const WRONG_PASSWORD = 'not-the-password';
/** Search text that no record's label or ID contains. */
const NO_MATCH_SEARCH = 'zq-no-such-record';

/** The screenshots the README shows, by the step that takes them. */
export const README_PICTURES = {
	'node-actions': 'evo-voice-actions.png',
	'example-run-output': 'evo-voice-run-output.png',
} as const;

export interface WalkResult {
	/** Step name → its screenshot. */
	screenshots: Map<string, string>;
}

interface Walk {
	page: Page;
	n8nUrl: string;
	simulator: Simulator;
	folder: string;
	screenshots: Map<string, string>;
	/** Steps begun, failed ones included: numbers the screenshots. */
	steps: number;
}

/** Polls `read` until `accept` holds; fails with what it read last. */
async function until<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = ACTION_TIMEOUT_MS): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (accept(value)) return value;
		if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

function fileName(index: number, name: string) {
	return `${String(index).padStart(2, '0')}-${name}.png`;
}

/** Runs a step and saves a screenshot of where it ended; on failure one named FAILED, then rethrows. */
async function step(walk: Walk, name: string, run: () => Promise<void>): Promise<void> {
	const index = ++walk.steps;
	process.stdout.write(`  ${name} … `);
	try {
		await run();
	} catch (error) {
		const failed = join(walk.folder, fileName(index, `${name}-FAILED`));
		await walk.page.screenshot({ path: failed }).catch(() => undefined);
		process.stdout.write('FAILED\n');
		throw new Error(`Step "${name}" failed (screenshot ${failed}):\n${(error as Error).message}`);
	}
	const path = join(walk.folder, fileName(index, name));
	await walk.page.screenshot({ path });
	walk.screenshots.set(name, path);
	process.stdout.write('ok\n');
}

async function signedInContext(context: BrowserContext, url: string) {
	const rest = await N8nRestClient.signIn(url);
	await context.addCookies(
		rest.cookie.split('; ').map((pair) => {
			const split = pair.indexOf('=');
			return { name: pair.slice(0, split), value: pair.slice(split + 1), url };
		}),
	);
}

function ndv(page: Page) {
	return page.getByTestId('ndv');
}

/** Picks `name` in an options parameter of the open node (or credential) form. */
async function choose(page: Page, scope: Locator, parameter: string, name: string) {
	const input = scope.getByTestId(`parameter-input-${parameter}`);
	const shown = async () => await input.locator('input').inputValue();
	if ((await shown()) === name) return;
	await input.click();
	await page
		.getByTestId('parameter-input-item')
		.filter({ visible: true })
		.filter({ has: page.getByText(name, { exact: true }) })
		.click();
	await until(`${parameter} shows ${name}`, shown, (value) => value === name);
}

/**
 * Sets the open node's credential, by name: n8n preselects the credential used last, which after
 * the example's run is an imported one, not the one the walk created.
 */
async function useCredential(page: Page, name = NEW_CREDENTIAL_NAME) {
	const select = ndv(page).getByTestId('node-credentials-select');
	await select.waitFor();
	const shown = async () => await select.locator('input').inputValue();
	if ((await shown()) === name) return;
	await select.click();
	await page
		.locator('[data-test-id^="node-credentials-select-item-"]')
		.filter({ visible: true, has: page.getByText(name, { exact: true }) })
		.click();
	await until('the credential', shown, (value) => value === name);
}

async function closeNdv(page: Page) {
	await ndv(page).getByTestId('ndv-close-button').click();
	await ndv(page).waitFor({ state: 'hidden' });
}

/** Opens the node creator and picks a node by its exact name. */
async function openInNodeCreator(page: Page, search: string, nodeName: string) {
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator').waitFor();
	await page.keyboard.type(search);
	await page.getByTestId('node-creator-item-name').filter({ hasText: new RegExp(`^${nodeName}$`) }).first().click();
}

// ---- the credential ----

async function credentialSteps(walk: Walk) {
	const { page } = walk;
	const dialog = page.getByTestId('credential-edit-dialog');
	const save = async () => await page.getByTestId('credential-save-button').click();
	const tested = dialog.getByText('Connection tested successfully');

	await step(walk, 'credential-created-and-tested', async () => {
		await page.goto(`${walk.n8nUrl}/home/credentials`);
		await page.getByTestId('add-resource-credential').click();
		await page.getByTestId('new-credential-type-select').click();
		await page.keyboard.type('Evo Voice');
		await page.getByTestId('new-credential-type-select-option').filter({ hasText: 'Evo Voice API' }).click();
		await page.getByTestId('new-credential-type-button').click();
		await choose(page, dialog, 'environment', 'Custom');
		await dialog.getByTestId('parameter-input-baseUrl').locator('input').fill(walk.simulator.url);
		await dialog.getByTestId('parameter-input-email').locator('input').fill(DEMO_USER.email);
		await dialog.getByTestId('parameter-input-password').locator('input').fill(DEMO_USER.password);
		// Saving a credential tests it: n8n signs in to the simulator with what the form holds.
		await save();
		await tested.waitFor();
	});

	await step(walk, 'credential-wrong-password', async () => {
		await dialog.getByTestId('parameter-input-password').locator('input').fill(WRONG_PASSWORD);
		await save();
		await dialog.getByText('Couldn’t connect with these settings').waitFor();
		await dialog.getByText('More details').click();
		await dialog.getByText('Evo Voice sign-in failed (HTTP 401): Invalid Username or Password').waitFor();
		if ((await dialog.innerText()).includes(WRONG_PASSWORD)) throw new Error('The error shows the password typed');
	});

	await step(walk, 'credential-fixed', async () => {
		await dialog.getByTestId('parameter-input-password').locator('input').fill(DEMO_USER.password);
		await save();
		await tested.waitFor();
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
		await page.getByText(NEW_CREDENTIAL_NAME).first().waitFor();
	});
}

// ---- an example's run ----

async function exampleRunStep(walk: Walk) {
	const { page, simulator } = walk;
	await step(walk, 'example-run-output', async () => {
		await page.goto(`${walk.n8nUrl}/workflow/${RUN_EXAMPLE.id}`);
		await page.getByTestId('execute-workflow-button').click();
		const lastNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${RUN_EXAMPLE.lastNode}"]`);
		// The last node succeeds, or n8n says which node failed: stop at once with its words.
		const problem = page.getByText(/^Problem in node/).first();
		await lastNode.getByTestId('canvas-node-status-success').or(problem).waitFor({ timeout: RUN_TIMEOUT_MS });
		if (await problem.isVisible()) throw new Error(`The run failed: ${await problem.locator('..').innerText()}`);
		// The session the run put in a conference, as the simulator holds it now.
		const conference = [...simulator.sessions.values()].find((session) => session.conferenceSid !== '');
		if (!conference) throw new Error('The run put no session in a conference');
		await lastNode.dblclick();
		const output = page.getByTestId('output-panel');
		await output.getByTestId('radio-button-json').click();
		await output.getByText(`"${conference.fromName}"`).first().waitFor();
		// The JSON view renders only the rows in sight: scroll down to the conference and its members.
		await output.getByText('callState').first().hover();
		await page.mouse.wheel(0, 700);
		await output.getByText(conference.conferenceSid).first().waitFor();
	});
	// The run changed calls (held, conferenced): the pickers below read the seeded state.
	simulator.reset();
}

// ---- a new workflow: trigger, every panel and picker, the AI Agent's tool ----

async function triggerStep(walk: Walk) {
	const { page, simulator } = walk;
	await step(walk, 'trigger-fetch-test-event', async () => {
		await page.goto(`${walk.n8nUrl}/workflow/new`);
		await openInNodeCreator(page, 'Evo Voice', 'Evo Voice');
		await page.getByText('On session started').click();
		await ndv(page).waitFor();
		await useCredential(page);
		await ndv(page).getByTestId('node-execute-button').click();
		const output = page.getByTestId('output-panel');
		await output.getByText(/^\d+ items?$/).waitFor({ timeout: RUN_TIMEOUT_MS });
		// A test event is what a poll would report: the live sessions, newest among them.
		const newest = [...simulator.sessions.values()]
			.filter((session) => !session.ended)
			.sort((a, b) => Date.parse(b.dateCreated) - Date.parse(a.dateCreated))[0];
		await output.getByText('sessionStarted').first().waitFor();
		await output.getByText(newest.id).first().waitFor();
	});
	await closeNdv(page);
}

async function nodeActionsStep(walk: Walk) {
	const { page } = walk;
	const first = panelExpectations()[0];
	await step(walk, 'node-actions', async () => {
		await openInNodeCreator(page, 'Evo Voice', 'Evo Voice');
		// Every action the node declares is offered.
		for (const expectation of panelExpectations()) {
			await page.getByTestId('node-creator').getByText(expectation.operation.action, { exact: true }).waitFor();
		}
	});
	await page.getByTestId('node-creator').getByText(first.operation.action, { exact: true }).click();
	await ndv(page).waitFor();
	await useCredential(page);
}

/** The labels of the parameters the panel shows, top to bottom. */
async function shownLabels(page: Page): Promise<string[]> {
	const labels = ndv(page).getByTestId('node-parameters').getByTestId('input-label');
	const texts: string[] = [];
	for (const label of await labels.all()) {
		if (await label.isVisible()) texts.push((await label.innerText()).split('\n')[0].replace(/\s*\*$/, '').trim());
	}
	return texts;
}

/** What one picker showed: its problems, or that the login may not list its records. */
interface PickerCheck {
	problems: string[];
	/** Evo Voice's 403 for this login's role: the picker is checked again with a manager login. */
	roleRefused?: string;
}

/**
 * Opens a picker and checks it: it lists records (for a Session picker, exactly the simulator's
 * sessions it is for), search text from its first record narrows the list to records that keep
 * that one, text nothing matches empties it.
 */
async function checkPicker(walk: Walk, picker: PickerExpectation): Promise<PickerCheck> {
	const { page } = walk;
	const locator = ndv(page).getByTestId(`resource-locator-${picker.parameter}`);
	const items = locator.getByTestId('rlc-item');
	const search = locator.getByTestId('rlc-search');
	const problems: string[] = [];
	const error = locator.getByTestId('rlc-error-container');
	const itemTexts = async () => ((await error.isVisible()) ? [`error: ${await error.innerText()}`] : await items.allInnerTexts());

	await locator.getByTestId('rlc-input').click();
	// The list opens with its search box, or with Evo Voice's error where n8n then leaves the box out.
	await search.or(error).first().waitFor();
	const all = await until(`${picker.label} lists records`, itemTexts, (texts) => texts.length > 0);
	if (all[0].startsWith('error: ')) {
		const shown = all[0].replace(/\s+/g, ' ');
		return /\b403\b/.test(shown) ? { problems, roleRefused: shown } : { problems: [`${picker.label} picker shows ${shown}`] };
	}

	const records = SESSION_PICKER_RECORDS[picker.method];
	if (records) {
		const expected = [...walk.simulator.sessions.values()].filter(records);
		const missing = expected
			.map((session) => session.displayName || session.fromName)
			.filter((name) => all.filter((text) => text.startsWith(`${name} `)).length !== 1);
		if (missing.length > 0 || all.length !== expected.length) {
			problems.push(`${picker.label} picker (${picker.method}) lists ${JSON.stringify(all)}; expected one each of ${expected.length} sessions, missing ${JSON.stringify(missing)}`);
		}
	}

	// The first word of the first record. Evo Voice may match fields the label does not show, so
	// the check is: that record stays, and the list gets shorter (when some records lack the word).
	const needle = all[0].split(/\s+/)[0];
	const withoutNeedle = all.filter((text) => !text.toLowerCase().includes(needle.toLowerCase()));
	await search.fill(needle);
	await until(
		`${picker.label} narrowed by "${needle}"`,
		itemTexts,
		(texts) => texts.includes(all[0]) && (withoutNeedle.length === 0 || texts.length < all.length),
	).catch((failure: Error) => problems.push(failure.message));
	await search.fill(NO_MATCH_SEARCH);
	await until(`${picker.label} searched for "${NO_MATCH_SEARCH}"`, itemTexts, (texts) => texts.length === 0).catch(
		(failure: Error) => problems.push(failure.message),
	);
	await search.fill(needle);
	await until(`${picker.label} narrowed again`, itemTexts, (texts) => texts.includes(all[0])).catch((failure: Error) =>
		problems.push(failure.message),
	);
	await walk.page.screenshot({ path: join(walk.folder, `picker-${picker.parameter}-${picker.method}.png`) });
	// Left without a pick: a picked record would stay in the picker and filter its next opening.
	return { problems };
}

async function closePicker(page: Page, picker: PickerExpectation) {
	const locator = ndv(page).getByTestId(`resource-locator-${picker.parameter}`);
	const openList = locator.getByTestId('rlc-search').or(locator.getByTestId('rlc-error-container')).first();
	if (!(await openList.isVisible())) return;
	// Escape leaves the list open; a click elsewhere closes it: on the Parameters tab, already open,
	// as a click on a label would open that label's dropdown.
	await ndv(page).getByTestId('tab-params').click();
	await openList.waitFor({ state: 'hidden' });
}

async function checkPanel(walk: Walk, expectation: PanelExpectation): Promise<string[]> {
	const { page } = walk;
	const where = `${expectation.resource.name} → ${expectation.operation.name}`;
	const problems = expectation.declarationProblem ? [`${where}: ${expectation.declarationProblem}`] : [];
	await choose(page, ndv(page), 'resource', expectation.resource.name);
	await choose(page, ndv(page), 'operation', expectation.operation.name);
	// The panel re-renders after the operation changes: wait for it to show this operation's parameters.
	const wanted = JSON.stringify(expectation.labels);
	await until(`${where}: the parameters`, async () => JSON.stringify(await shownLabels(page)), (shown) => shown === wanted).catch(
		(error: Error) => problems.push(`${where}: expected ${wanted}; ${error.message}`),
	);
	for (const notice of expectation.notices) {
		if (!(await ndv(page).getByTestId('node-parameters').getByText(notice).isVisible())) problems.push(`${where}: notice "${notice}" not shown`);
	}
	for (const picker of expectation.pickers) {
		if (!(await ndv(page).getByTestId(`resource-locator-${picker.parameter}`).isVisible())) {
			problems.push(`${where}: the ${picker.label} picker is not shown`);
			continue;
		}
		let check = await checkPicker(walk, picker);
		await closePicker(page, picker);
		if (check.roleRefused) {
			// The walk's credential is a phone user's; directory and file records need a manager.
			process.stdout.write(`\n    ${where}: ${picker.label} picker refused to a phone user (${check.roleRefused.slice(0, 160)}…); checked as a manager … `);
			await useCredential(page, MANAGER_SIMULATOR_CREDENTIAL.name);
			check = await checkPicker(walk, picker);
			await closePicker(page, picker);
			await useCredential(page, NEW_CREDENTIAL_NAME);
			if (check.roleRefused) problems.push(`${where}: ${picker.label} picker refused to a manager too: ${check.roleRefused}`);
		}
		problems.push(...check.problems.map((problem) => `${where}: ${problem}`));
	}
	return problems;
}

async function panelsStep(walk: Walk) {
	const problems: string[] = [];
	for (const expectation of panelExpectations()) {
		const name = `panel-${expectation.resource.value}-${expectation.operation.value}`;
		await step(walk, name, async () => {
			const found = await checkPanel(walk, expectation).catch((error: Error) => [error.message]);
			problems.push(...found);
			if (found.length > 0) throw new Error(found.join('\n'));
		}).catch(async (error: Error) => {
			process.stdout.write(`${error.message}\n`);
			// Back to a known state for the next operation: no list open. (Escape would close the
			// panel itself while a picker is open.)
			if (await ndv(walk.page).isVisible()) await ndv(walk.page).getByTestId('tab-params').click();
		});
	}
	if (problems.length > 0) throw new Error(`The node's panels:\n${problems.join('\n')}`);
}

async function aiAgentStep(walk: Walk) {
	const { page } = walk;
	await closeNdv(page);
	await step(walk, 'ai-agent-tool', async () => {
		await openInNodeCreator(page, 'AI Agent', 'AI Agent');
		await ndv(page).waitFor();
		await ndv(page).getByTestId('add-subnode-ai_tool-0').click();
		await page.getByTestId('node-creator').waitFor();
		await page.keyboard.type('Evo Voice');
		await page.getByTestId('node-creator-item-name').filter({ hasText: /^Evo Voice Tool$/ }).click();
		// The tool's panel: the same node, its resources and operations for the agent to call.
		await ndv(page).getByTestId('node-parameters').getByTestId('parameter-input-resource').waitFor();
		await ndv(page).getByTestId('node-parameters').getByTestId('parameter-input-operation').waitFor();
	});
}

/**
 * Starts a fresh n8n with the packed package and a simulator, walks the editor in headless
 * Chromium, saves a screenshot per step into `folder` and stops everything. Rejects at the first
 * failing step (after all operations, for the panels).
 */
export async function walkEditor(folder: string): Promise<WalkResult> {
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	const { simulator, instance } = await packagedN8nWithSimulator();
	const profile = mkdtempSync(join(tmpdir(), 'evovoice-chromium-'));
	try {
		await instance.importWorkflows(readExamples());
		const n8n = await instance.start();
		try {
			selectors.setTestIdAttribute('data-test-id');
			const context = await chromium.launchPersistentContext(profile, {
				executablePath: CHROMIUM,
				args: CHROMIUM_FLAGS,
				viewport: { width: 1440, height: 900 },
			});
			try {
				context.setDefaultTimeout(ACTION_TIMEOUT_MS);
				context.setDefaultNavigationTimeout(RUN_TIMEOUT_MS);
				await signedInContext(context, n8n.url);
				const page = context.pages()[0] ?? (await context.newPage());
				const walk: Walk = { page, n8nUrl: n8n.url, simulator, folder, screenshots: new Map(), steps: 0 };
				await credentialSteps(walk);
				await exampleRunStep(walk);
				await triggerStep(walk);
				await nodeActionsStep(walk);
				await panelsStep(walk);
				await aiAgentStep(walk);
				return { screenshots: walk.screenshots };
			} finally {
				await context.close();
			}
		} finally {
			await n8n.stop();
		}
	} finally {
		await simulator.close();
		instance.remove();
		rmSync(profile, { recursive: true, force: true });
	}
}
