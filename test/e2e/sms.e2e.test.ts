/**
 * SMS in a real n8n, with the packed package: Message → Send, Get Many with paging and the
 * Direction filter, Conversation → Get Many and Reply, chained in one workflow run with
 * `n8n execute` against the simulator. (The SMS examples start with the trigger, which
 * `n8n execute` cannot start from: sms-trigger.e2e.test.ts runs them in a started n8n.)
 */
import type { Simulator } from '../simulator/server';
import { LIST_PAGE_SIZE } from '../../nodes/EvoVoice/transport';
import { SEEDED_MESSAGE_COUNT } from '../simulator/messaging';
import { evoVoiceChain, packagedN8nWithSimulator } from './fixtures';
import type { ExecutionResult, N8nInstance } from './n8n';
import { expectSuccess } from './executions';

const WORKFLOW_ID = 'e2eSmsChain0001';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const SENT_TEXT = '  Your order shipped.\nThanks!  ';

const workflow = evoVoiceChain(
	WORKFLOW_ID,
	'e2e: SMS',
	[
		['Send SMS', { resource: 'message', operation: 'send', endpointId: byId('end-main-line'), toAddress: '+1 (555) 555-0142', text: SENT_TEXT }],
		['All Messages', { resource: 'message', operation: 'getMany', returnAll: true }],
		['Incoming Only', { resource: 'message', operation: 'getMany', limit: 60, filters: { direction: 'Incoming' } }],
		['Conversations', { resource: 'conversation', operation: 'getMany', returnAll: true, filters: { endpointId: byId('end-sales-line') } }],
		['Reply', { resource: 'conversation', operation: 'reply', conversationId: byId("={{ $('Conversations').first().json.id }}"), text: 'Following up on your text' }],
	],
	1.1,
);

let simulator: Simulator;
let n8n: N8nInstance;
let result: ExecutionResult;

function outputOf(nodeName: string) {
	const runs = result.run?.data.resultData.runData[nodeName];
	expect(runs?.[0].error).toBeUndefined();
	return (runs?.[0].data?.main[0] ?? []).map((item) => item.json);
}

beforeAll(async () => {
	({ simulator, instance: n8n } = await packagedN8nWithSimulator());
	await n8n.importWorkflows([workflow]);
	simulator.reset();
	// More messages than one page holds, so Return All has to page.
	simulator.messaging.addMessages(LIST_PAGE_SIZE);
	result = await n8n.execute(WORKFLOW_ID);
	expectSuccess(result);
});

afterAll(async () => {
	await simulator?.close();
	n8n?.remove();
});

describe('SMS in a real n8n', () => {
	it('Send: To checked and compacted to E.164, the text sent exactly as given, the message as output', () => {
		const [sent] = outputOf('Send SMS');
		expect(sent).toMatchObject({ direction: 'Outgoing', endpointId: 'end-main-line', otherAddress: '+15555550142', text: SENT_TEXT });
		const sends = simulator.requests.filter((request) => request.method === 'POST' && request.rawPath === '/messages');
		expect(sends[0].body).toEqual({ endpointId: 'end-main-line', toAddress: '+15555550142', body: SENT_TEXT });
	});

	it('Get Many: Return All over two pages, and the Direction filter with an exact Limit', () => {
		expect(outputOf('All Messages')).toHaveLength(SEEDED_MESSAGE_COUNT + LIST_PAGE_SIZE + 1);
		const pages = simulator.requests.filter((request) => request.method === 'GET' && request.rawPath === '/messages' && request.query.countPerPage === String(LIST_PAGE_SIZE));
		expect(pages.map((request) => request.query.page)).toEqual(expect.arrayContaining(['0', '1']));
		const incoming = outputOf('Incoming Only');
		expect(incoming).toHaveLength(60);
		expect(incoming.every((json) => json.direction === 'Incoming')).toBe(true);
	});

	it('Conversation → Get Many and Reply: the reply goes from the conversation\'s number to its party', () => {
		const conversations = outputOf('Conversations');
		expect(conversations.length).toBeGreaterThan(0);
		expect(conversations.every((json) => json.endpointId === 'end-sales-line')).toBe(true);
		const [reply] = outputOf('Reply');
		expect(reply).toMatchObject({ direction: 'Outgoing', endpointId: 'end-sales-line', otherAddress: conversations[0].otherAddress });
	});
});
