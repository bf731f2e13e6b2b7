import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import { DEMO_USER, MANAGER_USER } from '../simulator/server';

const simulator = useSimulator();

function voiceCallId(): string {
	return simulator.addSession({ channel: 'Voice', callState: 'Connected' }).id;
}

async function runSession(
	parameters: IDataObject,
	options: { items?: IDataObject[]; continueOnFail?: boolean; user?: { email: string; password: string } } = {},
) {
	return await runWorkflow(
		evoVoiceWorkflow({ resource: 'session', ...parameters } as never, options),
		simulatorCredentialsHelper(simulator, options.user),
	);
}

describe('parameters are checked before any request', () => {
	it.each([
		['a blank Session ID', { operation: 'hold', sessionId: sessionById('  '), reason: 'None' }, '"Session"'],
		[
			'a Session ID expression that resolves to nothing',
			{ operation: 'hold', sessionId: sessionById('={{ $json.missing }}'), reason: 'None' },
			'"Session"',
		],
		['a Session ID of dots', { operation: 'hold', sessionId: sessionById('..'), reason: 'None' }, '"Session"'],
		[
			'an unknown hold Reason from an expression',
			{ operation: 'hold', sessionId: sessionById('ses-x'), reason: '={{ "Lunch" }}' },
			'"Reason" parameter must be one of None, Transferring',
		],
		[
			'a Destination expression that resolves to nothing',
			{ operation: 'addConferenceMember', sessionId: sessionById('ses-x'), destination: '={{ $json.nobody }}' },
			'"Destination"',
		],
		[
			'a missing Member To Add',
			{ operation: 'inviteChatMember', sessionId: sessionById('ses-x'), memberToAdd: ' ' },
			'"Member To Add"',
		],
		[
			'a Member To Add that is neither a phone number nor an email',
			{ operation: 'inviteChatMember', sessionId: sessionById('ses-x'), memberToAdd: 'bob' },
			'"Member To Add" parameter must be a phone number or an email address',
		],
		[
			'a malformed Start Date',
			{ operation: 'getActive', returnAll: true, filters: { startDate: '={{ "yesterday-ish" }}' } },
			'"Start Date" parameter must be an ISO 8601 date',
		],
	])('%s fails with a NodeOperationError naming the parameter and the item', async (_case, parameters, named) => {
		const result = await runSession(parameters, { items: [{ n: 0 }, { n: 1 }] });

		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(named);
		expect(result.error?.message).toContain('item 0');
		expect(simulator.requests).toEqual([]);
	});

	it('names the item that failed when earlier items were fine', async () => {
		const goodId = voiceCallId();

		const result = await runSession(
			{ operation: 'hold', sessionId: sessionById('={{ $json.id }}'), reason: 'None' },
			{ items: [{ id: goodId }, { id: '' }] },
		);

		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain('item 1');
		expect((result.error as NodeOperationError).context.itemIndex).toBe(1);
	});
});

describe("API errors carry Evo Voice's own message, code and status", () => {
	it('an unknown session: 404 with the message and what to check', async () => {
		const result = await runSession({ operation: 'hold', sessionId: sessionById('ses-missing'), reason: 'None' });

		const error = result.error as NodeApiError;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe("Session 'ses-missing' does not exist [HTTP 404 NotFound]");
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('Check the ID');
	});

	it('a business rule: 400 ArgumentException', async () => {
		const voiceId = voiceCallId();

		const result = await runSession({
			operation: 'inviteChatMember',
			sessionId: sessionById(voiceId),
			memberToAdd: 'agent@example.com',
		});

		expect(result.error?.message).toBe(
			'Chat members can only be invited to chat sessions [HTTP 400 ArgumentException]',
		);
		expect((result.error as NodeApiError).httpCode).toBe('400');
	});

	it('a user without the User role: 403 with a hint about roles', async () => {
		const result = await runSession(
			{ operation: 'hold', sessionId: sessionById(voiceCallId()), reason: 'None' },
			{ user: MANAGER_USER },
		);

		expect(result.error?.message).toBe('Invalid Role [HTTP 403 Forbidden]');
		expect((result.error as NodeApiError).description).toContain('"User" role');
	});

	it('a server failure: 503 with the status kept', async () => {
		const id = voiceCallId();
		simulator.failNext(1, 503);

		const result = await runSession({ operation: 'hold', sessionId: sessionById(id), reason: 'None' });

		expect((result.error as NodeApiError).httpCode).toBe('503');
		expect(result.error?.message).toContain('[HTTP 503');
	});
});

describe('sign-in', () => {
	it('a wrong password says sign-in failed and never shows the password', async () => {
		const wrongPassword = 'bad-pw-42';

		const result = await runSession(
			{ operation: 'hold', sessionId: sessionById(voiceCallId()), reason: 'None' },
			{ user: { email: DEMO_USER.email, password: wrongPassword } },
		);

		expect(result.error?.message).toContain('Evo Voice sign-in failed (HTTP 401): Invalid Username or Password');
		expect(result.error?.message).toContain('Check the Email, Password and Environment');
		expect(JSON.stringify(result.run)).not.toContain(wrongPassword);
		expect(JSON.stringify(result.error)).not.toContain(wrongPassword);
		expect(String(result.error?.stack)).not.toContain(wrongPassword);
		expect(JSON.stringify(result.error?.cause ?? null)).not.toContain(wrongPassword);
	});

	it('signs in again once when Evo Voice forgets the session, and the request goes through', async () => {
		const id = voiceCallId();
		const credentials = simulatorCredentialsHelper(simulator);
		const workflow = evoVoiceWorkflow({ resource: 'session', operation: 'hold', sessionId: sessionById(id), reason: 'None' });

		await runWorkflow(workflow, credentials);
		simulator.expireSignIns();
		simulator.clearRequests();
		const second = await runWorkflow(workflow, credentials);

		expect(second.error).toBeUndefined();
		expect(credentials.updates).toHaveLength(2);
		expect(simulator.requests.map((request) => `${request.method} ${request.rawPath}`)).toEqual([
			`POST /sessions/${id}/hold`,
			'POST /auth/credentials',
			`POST /sessions/${id}/hold`,
		]);
		expect(second.outputOf(EVO_VOICE_NODE)[0].json).toMatchObject({ id, callState: 'Hold' });
	});
});

describe('Continue On Fail', () => {
	it('turns a failing item into its error output while the other items go on', async () => {
		const first = voiceCallId();
		const last = voiceCallId();

		const result = await runSession(
			{ operation: 'hold', sessionId: sessionById('={{ $json.id }}'), reason: 'None' },
			{ items: [{ id: first }, { id: 'ses-missing' }, { id: '' }, { id: last }], continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		const output = result.outputOf(EVO_VOICE_NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json).toMatchObject({ id: first, callState: 'Hold' });
		expect(output[1].json).toMatchObject({
			error: "Session 'ses-missing' does not exist [HTTP 404 NotFound]",
			details: { httpCode: '404', errorCode: 'NotFound' },
		});
		expect(output[2].json.error).toContain('"Session" parameter is required');
		expect(output[3].json).toMatchObject({ id: last, callState: 'Hold' });
	});

	it('without it, the run stops at the failing item', async () => {
		const first = voiceCallId();

		const result = await runSession(
			{ operation: 'hold', sessionId: sessionById('={{ $json.id }}'), reason: 'None' },
			{ items: [{ id: first }, { id: 'ses-missing' }, { id: voiceCallId() }] },
		);

		expect((result.error as NodeApiError).context.itemIndex).toBe(1);
		expect(simulator.requests.filter((request) => request.rawPath.endsWith('/hold'))).toHaveLength(2);
	});
});
