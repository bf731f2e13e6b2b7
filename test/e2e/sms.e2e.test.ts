/**
 * SMS in a real n8n, with the packed package: Message → Send, Get Many with paging and the
 * Direction filter, Conversation → Get Many and Reply chained in one workflow, and the two SMS
 * examples run with `n8n execute` against the simulator.
 */
import type { Simulator } from '../simulator/server';
import { SEEDED_MESSAGE_COUNT } from '../simulator/messaging';
import type { WorkflowJson } from './fixtures';
import { SIMULATOR_CREDENTIAL, packagedN8nWithSimulator, readExamples } from './fixtures';
import type { ExecutionResult, N8nInstance } from './n8n';

const WORKFLOW_ID = 'e2eSmsChain0001';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Node name → parameters, in the order they run, each once. */
const steps: Array<[name: string, parameters: Record<string, unknown>]> = [
	['Send SMS', { resource: 'message', operation: 'send', endpointId: byId('end-main-line'), toAddress: '+1 (555) 555-0142', text: '  Your order shipped.\nThanks!  ' }],
	['All Messages', { resource: 'message', operation: 'getMany', returnAll: true }],
	['Incoming Only', { resource: 'message', operation: 'getMany', limit: 60, filters: { direction: 'Incoming' } }],
	['Conversations', { resource: 'conversation', operation: 'getMany', returnAll: true, filters: { endpointId: byId('end-sales-line') } }],
	['Reply', { resource: 'conversation', operation: 'reply', conversationId: byId("={{ $('Conversations').first().json.id }}"), text: 'Following up on your text' }],
];

function smsWorkflow(): WorkflowJson {
	const chain = ['Run Now', ...steps.map(([name]) => name)];
	return {
		id: WORKFLOW_ID,
		name: 'e2e: SMS',
		nodes: [
			{ id: 'manual', name: 'Run Now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...steps.map(([name, parameters], index) => ({
				id: `step${index}`,
				name,
				type: 'n8n-nodes-evovoice.evoVoice',
				typeVersion: 1.1,
				position: [240 * (index + 1), 0],
				parameters,
				credentials: { evoVoiceApi: SIMULATOR_CREDENTIAL },
				executeOnce: true,
			})),
		],
		connections: Object.fromEntries(
			chain.slice(0, -1).map((name, index) => [name, { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] }]),
		),
	};
}

const examples = readExamples();
let simulator: Simulator;
let n8n: N8nInstance;

function outputOf(result: ExecutionResult, nodeName: string) {
	const runs = result.run?.data.resultData.runData[nodeName];
	expect(runs?.[0].error).toBeUndefined();
	return (runs?.[0].data?.main[0] ?? []).map((item) => item.json);
}

async function execute(id: string): Promise<ExecutionResult> {
	const result = await n8n.execute(id);
	if (result.exitCode !== 0 || result.run?.data.resultData.error) {
		throw new Error(`The run failed (exit ${result.exitCode}):\n${result.output.slice(-4000)}`);
	}
	return result;
}

beforeAll(async () => {
	({ simulator, instance: n8n } = await packagedN8nWithSimulator());
	await n8n.importWorkflows([smsWorkflow(), ...examples.filter((workflow) => ['evoExMissedSms1', 'evoExSmsToSlack1'].includes(workflow.id))]);
});

afterAll(async () => {
	await simulator?.close();
	n8n?.remove();
});

beforeEach(() => {
	simulator.reset();
});

describe('SMS in a real n8n', () => {
	it('sends, reads the history with paging and the Direction filter, lists conversations and replies into one', async () => {
		const result = await execute(WORKFLOW_ID);

		const [sent] = outputOf(result, 'Send SMS');
		expect(sent).toMatchObject({ direction: 'Outgoing', endpointId: 'end-main-line', otherAddress: '+15555550142', text: '  Your order shipped.\nThanks!  ' });
		const sendRequest = simulator.requests.find((request) => request.method === 'POST' && request.rawPath === '/messages');
		expect(sendRequest?.body).toEqual({ endpointId: 'end-main-line', toAddress: '+15555550142', body: '  Your order shipped.\nThanks!  ' });

		// Return All over two pages of 100: the seeded history plus the message just sent.
		expect(outputOf(result, 'All Messages')).toHaveLength(SEEDED_MESSAGE_COUNT + 1);
		const incoming = outputOf(result, 'Incoming Only');
		expect(incoming).toHaveLength(60);
		expect(incoming.every((json) => json.direction === 'Incoming')).toBe(true);

		const conversations = outputOf(result, 'Conversations');
		expect(conversations.length).toBeGreaterThan(0);
		expect(conversations.every((json) => json.endpointId === 'end-sales-line')).toBe(true);
		const [reply] = outputOf(result, 'Reply');
		expect(reply).toMatchObject({ direction: 'Outgoing', endpointId: 'end-sales-line', otherAddress: conversations[0].otherAddress });
	});

	it('example "text back a missed call": the missed caller gets an SMS from the number they called', async () => {
		const missed = [...simulator.sessions.values()].filter((session) => session.ended && session.wasMissed && session.channel === 'Voice');
		expect(missed.length).toBeGreaterThan(0);

		const result = await execute('evoExMissedSms1');

		const texts = outputOf(result, 'Text The Caller Back');
		expect(texts.map((json) => json.otherAddress).sort()).toEqual(missed.map((session) => session.fromAddress).sort());
		for (const session of missed) {
			const text = texts.find((json) => json.otherAddress === session.fromAddress);
			expect(text).toMatchObject({ endpointId: session.endpointId, direction: 'Outgoing' });
			expect(text?.text).toContain(`sorry we missed your call to ${session.accountName}`);
		}
	});

	it('example "inbound SMS to a Slack message": Fetch Test Event gives the newest inbound text, formatted', async () => {
		const inbound = simulator.messaging.receive({ from: '+15555550177', text: 'Can I move my appointment to Friday?', date: '2026-11-24T09:42:00.000Z' });

		const result = await execute('evoExSmsToSlack1');

		const [trigger] = outputOf(result, 'SMS Received');
		expect(trigger).toMatchObject({ event: 'messageReceived', id: inbound.id });
		const [message] = outputOf(result, 'Compose Slack Message');
		expect(message).toMatchObject({
			messageId: inbound.id,
			text: ':speech_balloon: New SMS from *+15555550177* to Main Line at 09:42 UTC:\n>Can I move my appointment to Friday?',
			ticketSubject: 'SMS from +15555550177: Can I move my appointment to Friday?',
		});
	});
});
