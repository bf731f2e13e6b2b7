/**
 * The package as users get it, inside a real n8n: the packed tarball installed as a community
 * package, the example workflows imported and run with `n8n execute` against the simulator.
 */
import type { SessionInfo } from '../../nodes/EvoVoice/transport/dto';
import type { Simulator } from '../simulator/server';
import { DEMO_USER } from '../simulator/server';
import type { WorkflowJson } from './fixtures';
import { SIMULATOR_CREDENTIAL, packagedN8nWithSimulator, readExamples, simulatorCredential } from './fixtures';
import type { ExecutionResult, N8nInstance } from './n8n';
import { expectSuccess } from './executions';

const WRONG_PASSWORD_CREDENTIAL = { id: 'evoVoiceWrongPw', name: 'Evo Voice wrong password' };
const WRONG_PASSWORD = 'not-it-e2e';

const examples = readExamples();

function example(id: string): WorkflowJson {
	const found = examples.find((workflow) => workflow.id === id);
	if (!found) throw new Error(`No example ${id}`);
	return found;
}

/** A Manual Trigger followed by one Evo Voice node, as a failure-path workflow. */
function singleNodeWorkflow(
	id: string,
	parameters: Record<string, unknown>,
	options: { credential?: typeof SIMULATOR_CREDENTIAL; continueOnFail?: boolean; before?: WorkflowJson['nodes'] } = {},
): WorkflowJson {
	const before = options.before ?? [];
	const evoVoice = {
		id: 'evoVoice',
		name: 'Evo Voice',
		type: 'n8n-nodes-evovoice.evoVoice',
		typeVersion: 1,
		position: [480, 0],
		parameters: { resource: 'session', ...parameters },
		credentials: { evoVoiceApi: options.credential ?? SIMULATOR_CREDENTIAL },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
	const chain = ['Run Now', ...before.map((node) => node.name), 'Evo Voice'];
	return {
		id,
		name: id,
		nodes: [
			{ id: 'manual', name: 'Run Now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...before,
			evoVoice,
		] as WorkflowJson['nodes'],
		connections: Object.fromEntries(
			chain.slice(0, -1).map((name, index) => [name, { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] }]),
		),
	};
}

function outputOf(result: ExecutionResult, nodeName: string) {
	const runs = result.run?.data.resultData.runData[nodeName];
	expect(runs).toBeDefined();
	expect(runs?.[0].error).toBeUndefined();
	return runs?.[0].data?.main[0] ?? [];
}

let simulator: Simulator;
let n8n: N8nInstance;

beforeAll(async () => {
	({ simulator, instance: n8n } = await packagedN8nWithSimulator({
		moreCredentials: (simulatorUrl) => [
			simulatorCredential(WRONG_PASSWORD_CREDENTIAL, simulatorUrl, { ...DEMO_USER, password: WRONG_PASSWORD }),
		],
	}));
	await n8n.importWorkflows([
		...examples,
		singleNodeWorkflow('e2eUnknownSess', { operation: 'hold', sessionId: { __rl: true, mode: 'id', value: 'ses-unknown' }, reason: 'None' }),
		singleNodeWorkflow('e2eWrongPasswd', { operation: 'getActive', returnAll: true }, { credential: WRONG_PASSWORD_CREDENTIAL }),
		singleNodeWorkflow(
			'e2eContinueFail',
			{ operation: 'hold', sessionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, reason: 'None' },
			{
				continueOnFail: true,
				before: [
					{
						name: 'All Live Sessions',
						type: 'n8n-nodes-evovoice.evoVoice',
						parameters: { resource: 'session', operation: 'getActive', returnAll: true, simplify: true },
						credentials: { evoVoiceApi: SIMULATOR_CREDENTIAL },
						...{ id: 'all', typeVersion: 1, position: [240, 0] },
					},
				],
			},
		),
	]);
});

afterAll(async () => {
	await simulator?.close();
	n8n?.remove();
});

beforeEach(() => {
	simulator.reset();
});

describe('example workflows in a real n8n', () => {
	it('every example uses the package as users get it', () => {
		expect(examples.length).toBeGreaterThanOrEqual(4);
		for (const workflow of examples) {
			expect(workflow.nodes.some((node) => node.type.startsWith('n8n-nodes-evovoice.'))).toBe(true);
		}
	});

	it('alerts on waiting callers: a Slack-style message per queued or ringing session', async () => {
		const waiting = [...simulator.sessions.values()].filter(
			(session) => !session.ended && (session.queueState === 'Queued' || session.callState === 'Ringing'),
		);

		const result = await n8n.execute(example('evoExWaiting01').id);

		expectSuccess(result);
		const live = outputOf(result, 'Get Active Sessions');
		expect(live.length).toBe([...simulator.sessions.values()].filter((session) => !session.ended).length);
		const messages = outputOf(result, 'Compose Slack Message');
		expect(messages.map((item) => item.json.sessionId).sort()).toEqual(waiting.map((session) => session.id).sort());
		for (const session of waiting) {
			const message = messages.find((item) => item.json.sessionId === session.id);
			expect(message?.json.text).toContain(`*${session.fromName}* (${session.fromAddress}) is waiting`);
			// n8n's own time zone defaults to America/New_York: the time must still be UTC, as it says.
			expect(message?.json.text).toContain(`since ${new Date(session.dateCreated).toISOString().slice(11, 16)} UTC`);
		}
	});

	it('holds a connected call and dials a supervisor into its conference', async () => {
		const result = await n8n.execute(example('evoExEscalate01').id);

		expectSuccess(result);
		const [held] = outputOf(result, 'Hold Call');
		expect(held.json).toMatchObject({ callState: 'Hold', holdReason: 'Transferring', heldByUserId: DEMO_USER.id });
		expect(held.pairedItem).toEqual({ item: 0 });
		const [conference] = outputOf(result, 'Add Supervisor');
		const session = conference.json as unknown as SessionInfo;
		expect(session.id).toBe(held.json.id);
		expect(session.conferenceSid).toMatch(/^CF/);
		expect(session.members.map((member) => member.identity)).toContain('supervisor@example.com');
		const onServer = simulator.sessions.get(session.id);
		expect(onServer).toMatchObject({ callState: 'Hold', conferenceSid: session.conferenceSid });
		const conferenceRequest = simulator.requests.find((request) => request.rawPath.endsWith('/conference/members'));
		expect(conferenceRequest?.body).toEqual({
			sessionId: session.id,
			destination: 'supervisor@example.com',
			fromNumber: onServer?.toAddress,
		});
	});

	it('invites a team lead into a live chat', async () => {
		const result = await n8n.execute(example('evoExChatInvite1').id);

		expectSuccess(result);
		const [invited] = outputOf(result, 'Invite Team Lead');
		const session = invited.json as unknown as SessionInfo;
		expect(session.channel).toBe('Chat');
		expect(session.members.map((member) => member.identity)).toContain('team.lead@example.com');
	});
});

describe('failures in a real n8n', () => {
	it('a wrong password: the user sees that sign-in failed, and the password appears nowhere', async () => {
		const result = await n8n.execute('e2eWrongPasswd');

		expect(result.exitCode).not.toBe(0);
		expect(result.run?.data.resultData.error?.message).toContain(
			'Evo Voice sign-in failed (HTTP 401): Invalid Username or Password',
		);
		expect(result.output).toContain('Check the Email, Password and Environment');
		expect(result.output).not.toContain(WRONG_PASSWORD);
	});

	it("an unknown session: the user sees Evo Voice's own message", async () => {
		const result = await n8n.execute('e2eUnknownSess');

		expect(result.exitCode).not.toBe(0);
		expect(result.run?.data.resultData.error).toMatchObject({
			name: 'NodeApiError',
			message: "Session 'ses-unknown' does not exist [HTTP 404 NotFound]",
			httpCode: '404',
		});
	});

	it('Continue On Fail on a batch: chats and faxes fail to hold, the voice calls are held', async () => {
		const live = [...simulator.sessions.values()].filter((session) => !session.ended);

		const result = await n8n.execute('e2eContinueFail');

		expectSuccess(result);
		const output = outputOf(result, 'Evo Voice');
		expect(output).toHaveLength(live.length);
		output.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
		const failed = output.filter((item) => item.json.error);
		const held = output.filter((item) => !item.json.error);
		expect(failed.length).toBe(live.filter((session) => session.channel !== 'Voice').length);
		expect(held.length).toBe(live.filter((session) => session.channel === 'Voice').length);
		expect(failed[0].json.error).toMatch(/\[HTTP 400 ArgumentException\]$/);
		for (const item of held) expect(item.json.callState).toBe('Hold');
	});
});
