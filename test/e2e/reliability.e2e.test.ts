/**
 * The reliability promises, proven in the real n8n rather than in n8n-core alone:
 * - with On Error → Continue (using error output), n8n's engine sends every failed item (a page
 *   instead of JSON, an unknown session, a malformed ID) to the error output, with Evo Voice's
 *   message and description, while the good item goes on;
 * - a credential edited through n8n's REST API (as the editor saves it) acts as the new login
 *   at the next run, and Test signs in with what the form holds;
 * - Get Active reads its answer as it arrives through n8n's own request helper (a plain socket
 *   stream in n8n 1.x, a wrapped one in 2.x): characters split between chunks come out whole,
 *   and an answer cut off or stalled half-way ends on the error output, the connection closed.
 */
import type { Simulator } from '../simulator/server';
import { DEMO_USER, SECOND_AGENT_USER } from '../simulator/server';
import type { WorkflowJson } from './fixtures';
import { SIMULATOR_CREDENTIAL, packagedN8nWithSimulator, workflowOverIds } from './fixtures';
import type { N8nInstance } from './n8n';
import { N8nRestClient } from './n8n';

jest.setTimeout(600_000);

const EVO_VOICE_NODE = 'Hold Each Call';

/** The session IDs as items → Hold, with its two outputs wired to two No-Ops. */
function holdEachWorkflow(id: string, sessionIds: string[], batchSize?: number): WorkflowJson {
	return workflowOverIds(
		id,
		sessionIds,
		{
			id: 'hold',
			name: EVO_VOICE_NODE,
			type: 'n8n-nodes-evovoice.evoVoice',
			typeVersion: 1,
			parameters: {
				resource: 'session',
				operation: 'hold',
				sessionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				reason: 'None',
				options: batchSize ? { batching: { batch: { batchSize, batchInterval: 0 } } } : {},
			},
			credentials: { evoVoiceApi: SIMULATOR_CREDENTIAL },
			onError: 'continueErrorOutput',
		},
		{
			nodes: [
				{ id: 'ok', name: 'Held', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [800, -100], parameters: {} },
				{ id: 'failed', name: 'Not Held', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [800, 100], parameters: {} },
			],
			connections: {
				[EVO_VOICE_NODE]: {
					main: [[{ node: 'Held', type: 'main', index: 0 }], [{ node: 'Not Held', type: 'main', index: 0 }]],
				},
			},
		},
	);
}

let simulator: Simulator;
let instance: N8nInstance;

beforeAll(async () => {
	({ simulator, instance } = await packagedN8nWithSimulator());
});

afterAll(async () => {
	await simulator?.close();
	instance?.remove();
});

function liveVoiceCall(): string {
	return simulator.addSession({ channel: 'Voice', callState: 'Connected' }).id;
}

/** Imports and runs a workflow; what `nodeName` sent to its success and its error output. */
async function runSplit(workflow: WorkflowJson, nodeName: string) {
	await instance.importWorkflows([workflow]);
	const result = await instance.execute(workflow.id);
	const outputs = result.run?.data.resultData.runData[nodeName]?.[0]?.data?.main ?? [];
	return { result, succeeded: outputs[0] ?? [], failed: outputs[1] ?? [] };
}

async function runHoldEach(workflowId: string, sessionIds: string[], batchSize?: number) {
	return await runSplit(holdEachWorkflow(workflowId, sessionIds, batchSize), EVO_VOICE_NODE);
}

describe('error output in the real n8n', () => {
	it('sends a page-instead-of-JSON, an unknown session and a malformed ID to the error output, description kept', async () => {
		const [pageAnswered, good] = [liveVoiceCall(), liveVoiceCall()];
		simulator.injectFault('POST /sessions/:sessionId/hold', 'html200');

		const { result, succeeded, failed } = await runHoldEach('e2eErrorOutput1', [pageAnswered, 'ses-missing', '..', good]);

		expect(result.exitCode).toBe(0);
		expect(succeeded.map((item) => item.json.id)).toEqual([good]);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(failed[0].json).toMatchObject({
			error: expect.stringContaining('Evo Voice answered with something other than the held session: HTTP 200 (text/html'),
			message: expect.stringContaining('Base URL'),
		});
		expect(failed[1].json).toMatchObject({
			error: "Session 'ses-missing' does not exist [HTTP 404 NotFound]",
			message: expect.stringContaining('Check the ID'),
		});
		expect(String(failed[2].json.error)).toContain('"Session" parameter ".." is not a valid ID for item 2');
		// n8n adds the input item's fields to an error item, so the failed ID is at hand downstream.
		expect(failed.map((item) => item.json.id)).toEqual([pageAnswered, 'ses-missing', '..']);
	});
});

describe("Get Active's answer read as it arrives, in the real n8n", () => {
	const GET_ACTIVE_NODE = 'Live Sessions';

	/**
	 * A Timeout that a busy machine never reaches, for answers that do arrive; the stalled answer's
	 * test alone uses a short one, since the timeout is what it checks.
	 */
	const GENEROUS_TIMEOUT_SECONDS = 120;

	async function runGetActive(workflowId: string, timeoutSeconds = GENEROUS_TIMEOUT_SECONDS) {
		const workflow = workflowOverIds(workflowId, ['one run'], {
			id: 'active',
			name: GET_ACTIVE_NODE,
			type: 'n8n-nodes-evovoice.evoVoice',
			typeVersion: 1,
			parameters: { resource: 'session', operation: 'getActive', returnAll: true, simplify: true, filters: {}, options: { timeout: timeoutSeconds } },
			credentials: { evoVoiceApi: SIMULATOR_CREDENTIAL },
			onError: 'continueErrorOutput',
		});
		return await runSplit(workflow, GET_ACTIVE_NODE);
	}

	it('returns every live session with its characters whole', async () => {
		// Most of the answer's bytes are two- to four-byte characters, so its chunks end inside them.
		const name = 'Zoë Łódź 😀 東京 オペレーター '.repeat(20);
		const added = Array.from({ length: 300 }, (_, index) => simulator.addSession({ channel: 'Voice', callState: 'Ringing', fromName: `${name}${index}` }).id);
		const live = [...simulator.sessions.values()].filter((session) => !session.ended);

		const { result, succeeded, failed } = await runGetActive('e2eActiveStreamed');

		expect(result.exitCode).toBe(0);
		expect(failed).toEqual([]);
		expect(succeeded.map((item) => item.json.id).sort()).toEqual(live.map((session) => session.id).sort());
		const names = new Map(succeeded.map((item) => [item.json.id, item.json.fromName]));
		for (const [index, id] of added.entries()) expect(names.get(id)).toBe(`${name}${index}`);
	});

	it.each([
		['cut off', 'cutOff200' as const, GENEROUS_TIMEOUT_SECONDS, 'closed the connection before its answer was complete'],
		['stalled', 'stalled200' as const, 2, 'did not answer within 2 s'],
	])('sends an answer %s half-way to the error output', async (_name, fault, timeoutSeconds, message) => {
		simulator.injectFault('GET /portal/active-sessions', fault);

		const { result, succeeded, failed } = await runGetActive(`e2eActive${fault}`, timeoutSeconds);

		expect(result.exitCode).toBe(0);
		expect(succeeded).toEqual([]);
		expect(failed).toHaveLength(1);
		expect(String(failed[0].json.error)).toContain(message);
	});
});

describe('batching in the real n8n', () => {
	it('keeps order and pairing, and sends failures of a batch to the error output as one at a time would', async () => {
		const ids = [liveVoiceCall(), 'ses-missing', liveVoiceCall(), liveVoiceCall(), '..', liveVoiceCall(), liveVoiceCall()];
		simulator.clearRequests();

		const { result, succeeded, failed } = await runHoldEach('e2eBatching1', ids, 3);

		expect(result.exitCode).toBe(0);
		const good = ids.filter((id) => id.startsWith('ses-1'));
		expect(succeeded.map((item) => item.json.id)).toEqual(good);
		expect(succeeded.map((item) => item.pairedItem)).toEqual([0, 2, 3, 5, 6].map((item) => ({ item })));
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 4 }]);
		for (const id of good) expect(simulator.sessions.get(id)?.callState).toBe('Hold');
		// At most one sign-in for the run (none when the stored session still holds), though three
		// holds were sent at once.
		expect(simulator.requests.filter((request) => request.rawPath === '/auth/credentials').length).toBeLessThanOrEqual(1);
	});
});

describe('a credential edited in n8n', () => {
	it('is tested with what the form holds and acts as the new login at the next run', async () => {
		const first = liveVoiceCall();
		await runHoldEach('e2eCredentialEdit1', [first]);
		expect(simulator.sessions.get(first)?.heldByUserId).toBe('usr-agent');

		const n8n = await instance.start();
		try {
			const rest = await N8nRestClient.signIn(n8n.url);
			const form = (data: Record<string, string>) => ({
				credentials: {
					id: SIMULATOR_CREDENTIAL.id,
					name: SIMULATOR_CREDENTIAL.name,
					type: 'evoVoiceApi',
					data: { environment: 'custom', baseUrl: simulator.url, ...data },
				},
			});
			// The stored session is still valid for the old login; the edited form must not pass on it.
			const wrong = await rest.request<{ status: string; message: string }>(
				'POST',
				'/credentials/test',
				form({ email: DEMO_USER.email, password: 'not-the-password' }),
			);
			expect(wrong.status).toBe('Error');
			expect(wrong.message).toContain('Evo Voice sign-in failed (HTTP 401): Invalid Username or Password');
			expect(wrong.message).not.toContain('not-the-password');

			const second = form({ email: SECOND_AGENT_USER.email, password: SECOND_AGENT_USER.password });
			expect(await rest.request('POST', '/credentials/test', second)).toMatchObject({ status: 'OK' });
			await rest.request('PATCH', `/credentials/${SIMULATOR_CREDENTIAL.id}`, {
				name: SIMULATOR_CREDENTIAL.name,
				type: 'evoVoiceApi',
				data: second.credentials.data,
			});
		} finally {
			await n8n.stop();
		}

		const next = liveVoiceCall();
		const { succeeded } = await runHoldEach('e2eCredentialEdit2', [next]);
		expect(succeeded).toHaveLength(1);
		expect(simulator.sessions.get(next)?.heldByUserId).toBe(SECOND_AGENT_USER.id);
	});
});
