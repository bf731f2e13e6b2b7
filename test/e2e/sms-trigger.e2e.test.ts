/**
 * The published trigger's Message Received event in a real n8n: each inbound SMS starts one
 * execution with that message, across n8n's minute polls and a restart of n8n.
 */
import type { Simulator } from '../simulator/server';
import type { StoredExecution } from './executions';
import { itemsOf, listExecutions, parseRunData, waitFor } from './executions';
import { SIMULATOR_CREDENTIAL, packagedN8nWithSimulator } from './fixtures';
import type { N8nInstall, N8nInstance, RunningN8n } from './n8n';
import { N8nRestClient } from './n8n';

const WORKFLOW_ID = 'e2eSmsTrigger01';
const TRIGGER_NODE = 'SMS Received';

const WORKFLOW = {
	id: WORKFLOW_ID,
	name: 'e2e: Message Received',
	active: false,
	nodes: [
		{
			id: 'trigger',
			name: TRIGGER_NODE,
			type: 'n8n-nodes-evovoice.evoVoiceTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, events: ['messageReceived'] },
			credentials: { evoVoiceApi: SIMULATOR_CREDENTIAL },
		},
	],
	connections: {},
};

let install: N8nInstall;
let instance: N8nInstance;
let simulator: Simulator;
let n8n: RunningN8n | undefined;

beforeAll(async () => {
	({ install, simulator, instance } = await packagedN8nWithSimulator());
	await instance.importWorkflows([WORKFLOW]);
	await instance.publishWorkflow(WORKFLOW_ID);
});

afterAll(async () => {
	await n8n?.stop();
	await simulator?.close();
	instance?.remove();
});

/** The message ids of every finished trigger execution, sorted (a repeat shows as a duplicate). */
async function reportedMessages(rest: N8nRestClient): Promise<string[]> {
	const reported: string[] = [];
	for (const { id } of await listExecutions(rest, WORKFLOW_ID)) {
		const execution = await rest.request<StoredExecution>('GET', `/executions/${id}`);
		if (!execution.finished) continue;
		for (const item of itemsOf(parseRunData(install, execution), TRIGGER_NODE)) reported.push(String(item.id));
	}
	return reported.sort();
}

const polls = () => simulator.requests.filter((request) => request.method === 'GET' && request.rawPath === '/messages').length;

describe('Message Received in a real n8n', () => {
	it('reports each inbound SMS once across polls and a restart of n8n', async () => {
		n8n = await instance.start();
		let rest = await N8nRestClient.signIn(n8n.url);
		// The activation poll records the baseline.
		await waitFor('the baseline poll', 120_000, () => (polls() >= 1 ? true : undefined));
		const first = simulator.messaging.receive({ text: 'First text' });
		simulator.messaging.addMessages(2, { direction: 'Outgoing' });
		await waitFor('the first text to be reported', 150_000, async () =>
			(await reportedMessages(rest)).includes(first.id) ? true : undefined,
		);
		await n8n.stop();
		n8n = undefined;

		// While n8n is down: two texts with the same timestamp, and one of ours going out.
		const instant = new Date(Date.parse(first.date) + 5000).toISOString();
		const whileDown = [simulator.messaging.receive({ date: instant }), simulator.messaging.receive({ date: instant, endpointId: 'end-sales-line' })];
		simulator.messaging.addMessages(1, { direction: 'Outgoing' });

		n8n = await instance.start();
		rest = await N8nRestClient.signIn(n8n.url);
		const expected = [first.id, ...whileDown.map((message) => message.id)];
		await waitFor('the texts received while n8n was down', 150_000, async () => {
			const seen = await reportedMessages(rest);
			return expected.every((id) => seen.includes(id)) ? seen : undefined;
		});
		// A further poll after that: nothing is reported again.
		const pollsThen = polls();
		await waitFor('one more poll', 150_000, () => (polls() >= pollsThen + 1 ? true : undefined));
		expect(await reportedMessages(rest)).toEqual(expected.sort());
	});
});
