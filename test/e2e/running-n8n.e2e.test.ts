/**
 * The package inside a running n8n (`n8n start`), as users meet it in the editor: it loads cleanly,
 * its node types are served, the trigger's Fetch Test Event works, and an activated trigger
 * workflow polls the simulator on its own and records executions.
 */
import type { Simulator } from '../simulator/server';
import { finishedExecution, itemsOf, listExecutions, parseRunData, runFromTrigger, waitFor } from './executions';
import { packagedN8nWithSimulator, readExamples } from './fixtures';
import type { N8nInstall, N8nInstance, RunningN8n } from './n8n';
import { N8nRestClient } from './n8n';

const TRIGGER_EXAMPLE = readExamples().find((workflow) => workflow.id === 'evoExTrigger001')!;
const TRIGGER_NODE = 'New Voice Calls';
const MESSAGE_NODE = 'Compose Slack Message';

let install: N8nInstall;
let instance: N8nInstance;
let simulator: Simulator;
let n8n: RunningN8n;
let rest: N8nRestClient;

async function executions() {
	return await listExecutions(rest, TRIGGER_EXAMPLE.id);
}

beforeAll(async () => {
	({ install, simulator, instance } = await packagedN8nWithSimulator());
	await instance.importWorkflows([TRIGGER_EXAMPLE]);
	// As a user's "Publish": n8n activates the workflow when it starts.
	await instance.publishWorkflow(TRIGGER_EXAMPLE.id);
	// Debug level: n8n then logs how it loaded each package, and what it found missing.
	n8n = await instance.start(undefined, { N8N_LOG_LEVEL: 'debug' });
	rest = await N8nRestClient.signIn(n8n.url);
});

afterAll(async () => {
	await n8n?.stop();
	await simulator?.close();
	instance?.remove();
});

describe('the package in a running n8n', () => {
	it('loads without warnings or errors, and n8n serves its node and credential types', async () => {
		// The type lists the editor loads; n8n 2 serves them to signed-in users only.
		const typesOf = async (file: string) =>
			(await (await fetch(`${n8n.url}/types/${file}`, { headers: { cookie: rest.cookie } })).json()) as Array<{ name: string }>;
		const nodeTypes = await typesOf('nodes.json');
		const credentialTypes = await typesOf('credentials.json');

		expect(nodeTypes.map((type) => type.name)).toEqual(
			expect.arrayContaining(['n8n-nodes-evovoice.evoVoice', 'n8n-nodes-evovoice.evoVoiceTrigger']),
		);
		expect(credentialTypes.map((type) => type.name)).toContain('evoVoiceApi');
		// Lines about the package, once the n8n install folder (which holds the package's name) is cut out.
		const ourLines = n8n
			.log()
			.split('\n')
			.map((line) => line.replaceAll(install.folder, '<n8n>'))
			.filter((line) => /evo ?voice/i.test(line));
		expect(ourLines.some((line) => line.includes('Loaded all credentials and nodes from n8n-nodes-evovoice'))).toBe(true);
		expect(ourLines.filter((line) => /warn|error|fail|skip|invalid|deprecat|no codex/i.test(line))).toEqual([]);
	});

	it('Fetch Test Event (a manual run of the trigger) returns samples of the selected events', async () => {
		const pollsBefore = simulator.requests.filter((request) => request.rawPath === '/portal/active-sessions').length;

		const execution = await finishedExecution(rest, await runFromTrigger(rest, TRIGGER_EXAMPLE, TRIGGER_NODE));

		expect(execution).toMatchObject({ mode: 'manual', status: 'success' });
		const run = parseRunData(install, execution);
		const samples = itemsOf(run, TRIGGER_NODE);
		const liveVoiceCalls = [...simulator.sessions.values()].filter((session) => !session.ended && session.channel === 'Voice');
		// Samples are shaped like the selected events: the newest live calls as started, ended calls as ended.
		const startedSamples = samples.filter((sample) => sample.event === 'sessionStarted');
		const endedSamples = samples.filter((sample) => sample.event === 'sessionEnded');
		expect(startedSamples.length + endedSamples.length).toBe(samples.length);
		expect(startedSamples.length).toBe(Math.min(5, liveVoiceCalls.length));
		for (const sample of startedSamples) expect(liveVoiceCalls.map((session) => session.id)).toContain(sample.id);
		expect(endedSamples.length).toBeLessThanOrEqual(5);
		for (const sample of endedSamples) expect(sample).toMatchObject({ ended: true, channel: 'Voice' });
		expect(itemsOf(run, MESSAGE_NODE)).toHaveLength(samples.length);
		// One poll for the samples; the published trigger's own minute poll may fall in the same window.
		const pollsDuring = simulator.requests.filter((request) => request.rawPath === '/portal/active-sessions').length - pollsBefore;
		expect(pollsDuring === 1 || pollsDuring === 2).toBe(true);
	});

	it('an activated trigger workflow polls on its own and records an execution per change', async () => {
		// Activation polled once to set the baseline; n8n polls again at the next full minute.
		const before = new Set((await executions()).map((execution) => execution.id));
		const hungUp = [...simulator.sessions.values()].find((session) => !session.ended && session.channel === 'Voice')!;
		simulator.transition(hungUp.id, 'end');
		const newCall = simulator.addSession({ channel: 'Voice', fromName: 'Grace Hopper' });

		const recorded = await waitFor('a trigger execution', 75_000, async () =>
			(await executions()).find((execution) => !before.has(execution.id) && execution.mode === 'trigger'),
		);
		const execution = await finishedExecution(rest, recorded.id);

		expect(execution.status).toBe('success');
		const events = itemsOf(parseRunData(install, execution), TRIGGER_NODE).map((item) => [item.event, item.id]);
		expect(events).toEqual(
			expect.arrayContaining([
				['sessionStarted', newCall.id],
				['sessionEnded', hungUp.id],
			]),
		);
		expect(events).toHaveLength(2);
	});
});
