/**
 * A change is made at most once: the endpoint table's retry rules (a 429 is waited out by every
 * request; a 5xx, a reset or silence never repeats a change), a change that Evo Voice accepted
 * succeeds even when reading the session back fails, n8n's Retry On Fail gives back what an
 * earlier try did instead of doing it again, and a failed batch says what its other items did.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { n8nCoreLogger } from '../harness/n8n-logger';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import { MANAGER_USER } from '../simulator/server';

const simulator = useSimulator();

jest.setTimeout(60_000);

const dialRequests = () => simulator.requests.filter((request) => request.rawPath === '/sessions/outgoing');
const liveCall = () => simulator.addSession({ channel: 'Voice', callState: 'Connected' });
const liveChat = () => simulator.addSession({ channel: 'Chat', callState: 'Connected' });

const dial = (numberToDial: string, options: IDataObject = {}) => ({
	resource: 'call',
	operation: 'startOutgoing',
	flowId: 'flw-survey',
	numberToDial,
	options: { timeout: 2, ...options },
});

async function run(parameters: IDataObject, workflowOptions: Parameters<typeof evoVoiceWorkflow>[1] = {}, node: Partial<INode> = {}) {
	const workflow = evoVoiceWorkflow(parameters as never, workflowOptions);
	Object.assign(workflow.nodes.find((candidate) => candidate.name === EVO_VOICE_NODE)!, node);
	return await runWorkflow(workflow, simulatorCredentialsHelper(simulator, MANAGER_USER));
}

describe('Start Outgoing is never dialled twice', () => {
	it('after a 5xx: one request, and the error says the call may have been placed', async () => {
		simulator.failNext(1, 503);
		const result = await run(dial('+18144043093'));

		expect(result.error?.message).toContain('[HTTP 503');
		expect(result.error?.message).toContain('the call may have been placed, so it was not sent again');
		expect(dialRequests()).toHaveLength(1);
	});

	it('after a timeout: one request', async () => {
		simulator.injectFault('POST /sessions/outgoing', 'noAnswer');
		const result = await run(dial('+18144043093'));

		expect(result.error?.message).toContain('did not answer within 2 s');
		expect(result.error?.message).toContain('so it was not sent again');
		expect(dialRequests()).toHaveLength(1);
	});

	it('after a 429: sent at most twice more (Evo Voice refused it before acting)', async () => {
		simulator.injectFault('POST /sessions/outgoing', 'rateLimited429', { count: 3, retryAfterSeconds: 0 });
		const refused = await run(dial('+18144043093'));
		expect(refused.error?.message).toContain('[HTTP 429');
		expect(refused.error?.message).not.toContain('not sent again');
		expect(dialRequests()).toHaveLength(3);

		simulator.requests.length = 0;
		simulator.injectFault('POST /sessions/outgoing', 'rateLimited429', { count: 2, retryAfterSeconds: 0 });
		const placed = await run(dial('+18144043094'));
		expect(placed.error).toBeUndefined();
		expect(dialRequests()).toHaveLength(3);
	});
});

describe("Remove Member's retry policy (idempotent: removing a removed member changes nothing)", () => {
	const removeMember = (sessionId: string) => ({
		resource: 'chat',
		operation: 'removeMember',
		sessionId: sessionById(sessionId),
		memberToRemove: 'agent@example.com',
	});
	const removals = () => simulator.requests.filter((request) => request.method === 'DELETE');

	it.each([
		['a 429', 'rateLimited429'],
		['a 502 from a gateway', 'badGatewayHtml502'],
	] as const)('is sent again after %s and succeeds', async (_name, fault) => {
		const chat = liveChat();
		simulator.injectFault('DELETE /sessions/:sessionId/members/:memberId', fault, { retryAfterSeconds: 0 });

		const result = await runWorkflow(
			evoVoiceWorkflow(removeMember(chat.id) as never),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.error).toBeUndefined();
		expect(removals()).toHaveLength(2);
	});
});

describe('every Chat operation is reachable, and Invite Chat Member keeps working where version 1 saved it', () => {
	it.each([
		['chat', 'getTranscript', 1.1, { output: 'oneItem' }],
		['chat', 'inviteMember', 1.1, { memberToAdd: '+15555550124' }],
		['chat', 'removeMember', 1.1, { memberToRemove: 'agent@example.com' }],
		['chat', 'sendMessage', 1.1, { body: 'Hello' }],
		['session', 'inviteChatMember', 1, { memberToAdd: '+15555550125' }],
	] as const)('%s → %s (version %s)', async (resource, operation, typeVersion, parameters) => {
		const chat = liveChat();
		const result = await runWorkflow(
			(() => {
				const workflow = evoVoiceWorkflow({ resource, operation, sessionId: sessionById(chat.id), ...parameters } as never);
				workflow.nodes[1].typeVersion = typeVersion;
				return workflow;
			})(),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.error).toBeUndefined();
		expect(result.outputOf(EVO_VOICE_NODE)).not.toHaveLength(0);
		expect(simulator.requests.some((request) => request.rawPath.startsWith(`/sessions/${chat.id}`))).toBe(true);
	});
});

describe('a change Evo Voice accepted succeeds even when its read-back fails', () => {
	it('Transfer: RedirectSession answered empty, GetSession 500: the item says it moved the call and why its state is unknown', async () => {
		const call = liveCall();
		simulator.injectFault('POST /sessions/:sessionId/redirect', 'empty200');
		simulator.injectFault('GET /sessions/:sessionId', 'serverError500');

		const result = await runWorkflow(
			evoVoiceWorkflow({ resource: 'session', operation: 'transfer', sessionId: sessionById(call.id), destination: '+15555550177' } as never),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.error).toBeUndefined();
		expect(result.outputOf(EVO_VOICE_NODE).map((item) => item.json)).toEqual([
			{ id: call.id, transferredTo: '+15555550177', readBackError: expect.stringContaining('[HTTP 500') },
		]);
		expect(simulator.requests.filter((request) => request.rawPath.endsWith('/redirect'))).toHaveLength(1);
	});

	it('End: EndSession answered empty, GetSession timed out: ended, from nowhere, with the read-back error', async () => {
		const call = liveCall();
		simulator.injectFault('DELETE /sessions/:sessionId', 'empty200');
		simulator.injectFault('GET /sessions/:sessionId', 'noAnswer');

		const result = await runWorkflow(
			evoVoiceWorkflow({ resource: 'session', operation: 'end', sessionId: sessionById(call.id), options: { timeout: 2 } } as never),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.error).toBeUndefined();
		expect(result.outputOf(EVO_VOICE_NODE)[0].json).toEqual({
			id: call.id,
			ended: true,
			endedSessionFrom: 'none',
			readBackError: expect.stringContaining('did not answer within 2 s'),
		});
	});
});

describe("n8n's Retry On Fail never makes an accepted change again", () => {
	const retrying = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

	it('a failed item makes n8n run the node again: the dial accepted for the other item is not sent again', async () => {
		const result = await run(
			{ ...dial('={{ $json.number }}'), additionalFields: { callerId: '={{ $json.callerId }}' } },
			// Evo Voice refuses the second item's caller ID (400) on every try.
			{ items: [{ number: '+18144043093', callerId: '' }, { number: '+18144043094', callerId: '+15555550199' }] },
			retrying,
		);

		expect(result.error?.message).toContain('is not one of your phone numbers');
		const byNumber = (number: string) => dialRequests().filter((request) => (request.body as IDataObject).numberToDial === number);
		expect(byNumber('+18144043093')).toHaveLength(1);
		// The refused dial is sent on each of n8n's three tries: Evo Voice refused it, nothing was placed.
		expect(byNumber('+18144043094')).toHaveLength(3);
	});

	it('with Continue On Fail, an error item makes n8n run the node again; a dial that may have been placed is not sent again', async () => {
		simulator.failNext(1, 503);
		const result = await run(
			dial('={{ $json.number }}'),
			{ items: [{ number: '+18144043093' }, { number: '+18144043094' }], continueOnFail: true },
			retrying,
		);

		const output = result.outputOf(EVO_VOICE_NODE);
		expect(output[0].json.error).toContain('the call may have been placed, so it was not sent again');
		expect(output[1].json).toMatchObject({ numberToDial: '+18144043094' });
		const byNumber = (number: string) => dialRequests().filter((request) => (request.body as IDataObject).numberToDial === number);
		expect(byNumber('+18144043093')).toHaveLength(1);
		expect(byNumber('+18144043094')).toHaveLength(1);
	});
});

describe('a failed batch says what its other items did', () => {
	it('names the items of its batch that were sent and succeeded', async () => {
		const calls = [liveCall(), { id: 'ses-missing' }, liveCall()];
		const result = await runWorkflow(
			evoVoiceWorkflow(
				{
					resource: 'session',
					operation: 'hold',
					sessionId: sessionById('={{ $json.id }}'),
					reason: 'None',
					options: { batching: { batch: { batchSize: 3 } } },
				} as never,
				{ items: calls.map((call) => ({ id: call.id })) },
			),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.error?.description).toContain('Items 0–2 ran side by side in one batch.');
		expect(result.error?.description).toContain('Items 0, 2 were sent and succeeded: do not send them again.');
	});
});

describe('list records without a usable id are skipped and counted, never a crash', () => {
	it('Get Active leaves out a live session without an id and says so in the log', async () => {
		const warn = jest.spyOn(n8nCoreLogger(), 'warn').mockImplementation(() => {});
		simulator.addSession({ id: '', channel: 'Voice', callState: 'Ringing' });
		const live = [...simulator.sessions.values()].filter((session) => !session.ended && session.id !== '').length;

		const result = await runWorkflow(
			evoVoiceWorkflow({ resource: 'session', operation: 'getActive', returnAll: true } as never),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.error).toBeUndefined();
		const output = result.outputOf(EVO_VOICE_NODE);
		expect(output.every((item) => typeof item.json.id === 'string' && item.json.id !== '')).toBe(true);
		expect(output).toHaveLength(live);
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('skipped 1 AppGetActiveSessions record(s) without a usable id'), expect.anything());
		warn.mockRestore();
	});

	it('Get Many leaves out a listed session without an id, keeps paging, and says so in the log', async () => {
		const warn = jest.spyOn(n8nCoreLogger(), 'warn').mockImplementation(() => {});
		simulator.addSession({ id: '', channel: 'Voice', callState: 'Connected' });

		const result = await runWorkflow(
			evoVoiceWorkflow({ resource: 'session', operation: 'getMany', returnAll: true } as never),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.error).toBeUndefined();
		const ids = result.outputOf(EVO_VOICE_NODE).map((item) => item.json.id);
		expect(ids).not.toContain('');
		expect(ids.length).toBeGreaterThan(0);
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('skipped 1 ListSessions record(s) without a usable id'), expect.anything());
		warn.mockRestore();
	});
});

