import type { IDataObject } from 'n8n-workflow';

import { SIMPLIFIED_SESSION_FIELDS } from '../../nodes/EvoVoice/helpers/simplify';
import type { SessionInfo } from '../../nodes/EvoVoice/transport/dto';
import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import type { RecordedRequest } from '../simulator/server';
import { DEMO_USER } from '../simulator/server';

const simulator = useSimulator();

/** The requests the node made after signing in. */
function apiRequests(): RecordedRequest[] {
	return simulator.requests.filter((request) => !request.rawPath.startsWith('/auth/'));
}

async function run(parameters: IDataObject, items: IDataObject[] = [{}]) {
	const result = await runWorkflow(
		evoVoiceWorkflow({ resource: 'session', ...parameters } as never, { items }),
		simulatorCredentialsHelper(simulator),
	);
	expect(result.error).toBeUndefined();
	return result.outputOf(EVO_VOICE_NODE);
}

function liveVoiceCall(overrides: Partial<SessionInfo> = {}): SessionInfo {
	return simulator.addSession({ channel: 'Voice', callState: 'Connected', queueState: 'Connected', ...overrides });
}

describe('Hold Session', () => {
	it('posts the seeds\' HoldSession body to the session\'s hold route and returns the held session', async () => {
		const call = liveVoiceCall();
		const callerSid = call.members.find((member) => member.isOriginalMember)?.callSid ?? call.members[0].callSid;

		const output = await run({
			operation: 'hold',
			sessionId: sessionById(call.id),
			reason: 'Transferring',
			additionalFields: { callSid: callerSid },
		});

		expect(apiRequests()).toEqual([
			expect.objectContaining({
				method: 'POST',
				rawPath: `/sessions/${call.id}/hold`,
				body: { sessionId: call.id, reason: 'Transferring', callSid: callerSid },
			}),
		]);
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toMatchObject({
			id: call.id,
			callState: 'Hold',
			holdReason: 'Transferring',
			heldByUserId: DEMO_USER.id,
		});
		expect(simulator.sessions.get(call.id)?.callState).toBe('Hold');
	});

	it('signs in once with the seeds\' Authenticate body and sends every session cookie', async () => {
		const first = liveVoiceCall();
		const second = liveVoiceCall();

		await run({ operation: 'hold', sessionId: sessionById('={{ $json.id }}'), reason: 'None' }, [
			{ id: first.id },
			{ id: second.id },
		]);

		const signIns = simulator.requests.filter((request) => request.rawPath === '/auth/credentials');
		expect(signIns).toHaveLength(1);
		expect(signIns[0].method).toBe('POST');
		expect(signIns[0].body).toEqual({
			provider: 'credentials',
			userName: DEMO_USER.email,
			password: DEMO_USER.password,
			rememberMe: true,
		});
		for (const request of apiRequests()) {
			expect(Object.keys(request.cookies).sort()).toEqual(['ss-id', 'ss-opt', 'ss-pid']);
			expect(request.cookies['ss-opt']).toBe('perm');
		}
		expect(apiRequests().map((request) => request.body)).toEqual([
			{ sessionId: first.id, reason: 'None' },
			{ sessionId: second.id, reason: 'None' },
		]);
	});
});

describe('Add Conference Member', () => {
	it('dials the destination into a new conference with the chosen caller ID', async () => {
		const call = liveVoiceCall({ conferenceSid: '' });

		const output = await run({
			operation: 'addConferenceMember',
			sessionId: sessionById(call.id),
			destination: 'supervisor@example.com',
			additionalFields: { fromNumber: '+15555550100' },
		});

		expect(apiRequests()).toEqual([
			expect.objectContaining({
				method: 'POST',
				rawPath: `/sessions/${call.id}/conference/members`,
				body: { sessionId: call.id, destination: 'supervisor@example.com', fromNumber: '+15555550100' },
			}),
		]);
		const session = output[0].json as unknown as SessionInfo;
		expect(session.conferenceSid).toMatch(/^CF[0-9a-f]{32}$/);
		const added = session.members.find((member) => member.identity === 'supervisor@example.com');
		expect(added).toMatchObject({ callState: 'Ringing' });
		expect(session.mostRecentParticipantCallSid).toBe(added?.callSid);
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('Invite Chat Member', () => {
	it('invites a member into a chat session', async () => {
		const chat = simulator.addSession({ channel: 'Chat', callState: 'Connected' });

		const output = await run({
			operation: 'inviteChatMember',
			sessionId: sessionById(chat.id),
			memberToAdd: '+15555550123',
			additionalFields: { callerId: '+15555550100' },
		});

		expect(apiRequests()).toEqual([
			expect.objectContaining({
				method: 'POST',
				rawPath: `/sessions/${chat.id}/members`,
				body: { sessionId: chat.id, memberToAdd: '+15555550123', callerId: '+15555550100' },
			}),
		]);
		const session = output[0].json as unknown as SessionInfo;
		expect(session.members.map((member) => member.identity)).toContain('+15555550123');
	});
});

describe('Get Active Sessions', () => {
	it('returns one item per live session, simplified, without sending empty filters', async () => {
		const live = [...simulator.sessions.values()].filter((session) => !session.ended);

		const output = await run({ operation: 'getActive', returnAll: true, simplify: true, filters: {} });

		expect(apiRequests()).toEqual([
			expect.objectContaining({ method: 'GET', rawPath: '/portal/active-sessions', query: {} }),
		]);
		expect(output.map((item) => item.json.id).sort()).toEqual(live.map((session) => session.id).sort());
		for (const item of output) {
			expect(Object.keys(item.json).sort()).toEqual([...SIMPLIFIED_SESSION_FIELDS].sort());
			expect(item.pairedItem).toEqual({ item: 0 });
		}
	});

	it('sends the filters as query parameters and returns the raw sessions when not simplified', async () => {
		const [sample] = [...simulator.sessions.values()].filter((session) => !session.ended);

		const output = await run({
			operation: 'getActive',
			returnAll: true,
			simplify: false,
			filters: { accountId: sample.accountId, customerId: sample.customerId, startDate: '2020-01-01' },
		});

		expect(apiRequests()[0].query).toEqual({
			accountId: sample.accountId,
			customerId: sample.customerId,
			startDate: '2020-01-01',
		});
		expect(output.length).toBeGreaterThan(0);
		for (const item of output) {
			expect(item.json).toMatchObject({ accountId: sample.accountId, customerId: sample.customerId, ended: false });
			expect(item.json).toHaveProperty('members');
		}
	});

	it('stops at the limit, and pairs each session with the input item that asked for it', async () => {
		const output = await run({ operation: 'getActive', returnAll: false, limit: 2, simplify: true }, [
			{ run: 1 },
			{ run: 2 },
		]);

		expect(output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
		]);
	});
});

describe('Get Active Sessions over a large answer, read as it arrives', () => {
	/**
	 * Long names of two- to four-byte characters: most of the answer's bytes belong to them, so the
	 * chunks it arrives in end inside characters.
	 */
	const NAMES = ['Zoë Ñandú', 'Łódź 😀 Gdańsk', '東京 オペレーター', 'Ω≈ç√∫ — ü'].map((name) => `${name} `.repeat(12));

	function manyCallers(count: number): SessionInfo[] {
		return Array.from({ length: count }, (_, index) =>
			simulator.addSession({ channel: 'Voice', callState: 'Ringing', fromName: `${NAMES[index % NAMES.length]} ${index}` }),
		);
	}

	it('returns every session whole and in order, characters intact, one item each', async () => {
		const callers = manyCallers(3000);
		// The answer in a known order: the sessions as the simulator holds them.
		const body = JSON.stringify({ sessions: [...simulator.sessions.values()].filter((session) => !session.ended) });
		expect(Buffer.byteLength(body)).toBeGreaterThan(16 * 65536);
		simulator.interceptNext('/portal/active-sessions', () => ({ body }));

		const output = await run({ operation: 'getActive', returnAll: true, simplify: false, filters: {} });

		const expected = (JSON.parse(body) as { sessions: IDataObject[] }).sessions;
		expect(output).toHaveLength(expected.length);
		expect(output.map((item) => item.json)).toEqual(expected);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(output.slice(-callers.length).map((item) => item.json.fromName)).toEqual(callers.map((caller) => caller.fromName));
	});

	it('checks the whole answer even when the limit is reached early', async () => {
		manyCallers(50);
		const live = [...simulator.sessions.values()].filter((session) => !session.ended);
		// A proxy cut the answer short after the sessions the limit asks for.
		const body = JSON.stringify({ sessions: live });
		simulator.interceptNext('/portal/active-sessions', () => ({ body: body.slice(0, body.length - 200) }));

		const result = await runWorkflow(
			evoVoiceWorkflow({ resource: 'session', operation: 'getActive', returnAll: false, limit: 3, simplify: true }, { errorOutput: true }),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.outputOf(EVO_VOICE_NODE)).toEqual([]);
		expect(result.errorOutputOf(EVO_VOICE_NODE)).toEqual([
			{
				json: expect.objectContaining({
					error: expect.stringContaining('Evo Voice answered with something other than the list of active sessions'),
				}),
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('session ids with reserved and non-ASCII characters', () => {
	it.each(['a/b c', 'ses é ü/1', 'x?y#z&w'])('reach their own route: %j', async (sessionId) => {
		liveVoiceCall({ id: sessionId });

		const output = await run({ operation: 'hold', sessionId: sessionById(sessionId), reason: 'None' });

		expect(apiRequests()[0].rawPath).toBe(`/sessions/${encodeURIComponent(sessionId)}/hold`);
		expect(apiRequests()[0].segments).toEqual(['sessions', sessionId, 'hold']);
		expect(output[0].json).toMatchObject({ id: sessionId, callState: 'Hold' });
	});
});
