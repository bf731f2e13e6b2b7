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
		// Session IDs that cannot go into a path, whichever operation takes them.
		['a Session ID that is an object', { operation: 'hold', sessionId: sessionById('={{ { id: 1 } }}'), reason: 'None' }, '"Session" parameter must be text'],
		['a Session ID that is a list', { operation: 'hold', sessionId: sessionById('={{ ["a", "b"] }}'), reason: 'None' }, '"Session" parameter must be text for item 0, got a list'],
		['a Session ID with a lone surrogate', { operation: 'hold', sessionId: sessionById('={{ "ab" + String.fromCharCode(0xd800) }}'), reason: 'None' }, '"Session" parameter'],
		['a Session ID of one dot for Add Conference Member', { operation: 'addConferenceMember', sessionId: sessionById('.'), destination: '+15555550123' }, '"Session" parameter "." is not a valid ID'],
		['a blank Session ID for Invite Chat Member', { operation: 'inviteChatMember', sessionId: sessionById(' \t '), memberToAdd: '+15555550123' }, '"Session" parameter is required'],
		['a Session ID object for Invite Chat Member', { operation: 'inviteChatMember', sessionId: sessionById('={{ {} }}'), memberToAdd: '+15555550123' }, '"Session" parameter must be text for item 0, got an object'],
		// Text parameters given the wrong kind of value by an expression.
		['a Call SID that is an object', { operation: 'hold', sessionId: sessionById('ses-x'), reason: 'None', additionalFields: { callSid: '={{ { sid: 1 } }}' } }, '"Call SID" parameter must be text'],
		['a hold Reason that is a number', { operation: 'hold', sessionId: sessionById('ses-x'), reason: '={{ 3 }}' }, '"Reason" parameter must be one of'],
		['a Destination that is neither a phone number nor an email', { operation: 'addConferenceMember', sessionId: sessionById('ses-x'), destination: 'supervisor' }, '"Destination" parameter must be a phone number or an email address'],
		['a Destination that is a list', { operation: 'addConferenceMember', sessionId: sessionById('ses-x'), destination: '={{ ["+15555550123"] }}' }, '"Destination" parameter must be text for item 0, got a list'],
		['a Destination of letters and a plus', { operation: 'addConferenceMember', sessionId: sessionById('ses-x'), destination: '+1 CALL NOW' }, '"Destination" parameter must be a phone number'],
		['a From Number that is an object', { operation: 'addConferenceMember', sessionId: sessionById('ses-x'), destination: '+15555550123', additionalFields: { fromNumber: '={{ {} }}' } }, '"From Number" parameter must be text'],
		['a Member To Add that is an object', { operation: 'inviteChatMember', sessionId: sessionById('ses-x'), memberToAdd: '={{ { email: "a@b.co" } }}' }, '"Member To Add" parameter must be text for item 0, got an object'],
		['a Member To Add with two at signs', { operation: 'inviteChatMember', sessionId: sessionById('ses-x'), memberToAdd: 'a@@example.com' }, '"Member To Add" parameter must be a phone number or an email address'],
		['a Caller ID that is a list', { operation: 'inviteChatMember', sessionId: sessionById('ses-x'), memberToAdd: '+15555550123', additionalFields: { callerId: '={{ [1] }}' } }, '"Caller ID" parameter must be text'],
		// Dates are sent as ISO 8601 or not at all.
		['a Start Date that is only a year', { operation: 'getActive', returnAll: true, filters: { startDate: '={{ "2026" }}' } }, '"Start Date" parameter must be an ISO 8601 date'],
		['a Start Date in words', { operation: 'getActive', returnAll: true, filters: { startDate: '={{ "March 7" }}' } }, '"Start Date" parameter must be an ISO 8601 date'],
		['a Start Date in RFC 2822 form', { operation: 'getActive', returnAll: true, filters: { startDate: '={{ "Tue, 24 Nov 2026 09:00:00 GMT" }}' } }, '"Start Date" parameter must be an ISO 8601 date'],
		['a Start Date with a slash', { operation: 'getActive', returnAll: true, filters: { startDate: '={{ "2026/11/24" }}' } }, '"Start Date" parameter must be an ISO 8601 date'],
		['a Start Date that is an impossible month', { operation: 'getActive', returnAll: true, filters: { startDate: '={{ "2026-13-01" }}' } }, '"Start Date" parameter must be an ISO 8601 date'],
		['an Account ID that is an object', { operation: 'getActive', returnAll: true, filters: { accountId: '={{ {} }}' } }, '"Account" parameter must be text'],
		['a Customer ID that is a list', { operation: 'getActive', returnAll: true, filters: { customerId: '={{ ["c"] }}' } }, '"Customer" parameter must be text'],
		['a Limit of 0', { operation: 'getActive', returnAll: false, limit: 0 }, '"Limit" parameter must be a whole number of at least 1'],
		['a fractional Limit', { operation: 'getActive', returnAll: false, limit: 2.5 }, '"Limit" parameter must be a whole number of at least 1'],
		// The Timeout option, on every operation.
		['a Timeout of 0 for Hold', { operation: 'hold', sessionId: sessionById('ses-x'), reason: 'None', options: { timeout: 0 } }, '"Timeout" option must be a number of seconds between 1 and 300'],
		['a Timeout over 300 s for Get Active', { operation: 'getActive', returnAll: true, options: { timeout: 301 } }, '"Timeout" option must be a number of seconds between 1 and 300'],
		['a Timeout that is text for Add Conference Member', { operation: 'addConferenceMember', sessionId: sessionById('ses-x'), destination: '+15555550123', options: { timeout: '={{ "soon" }}' } }, '"Timeout" option must be a number of seconds'],
		['a negative Timeout for Invite Chat Member', { operation: 'inviteChatMember', sessionId: sessionById('ses-x'), memberToAdd: '+15555550123', options: { timeout: -5 } }, '"Timeout" option must be a number of seconds'],
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

	it('a server failure: 503 with the status kept, after Hold (idempotent) was tried twice more', async () => {
		const id = voiceCallId();
		simulator.failNext(3, 503);

		const result = await runSession({ operation: 'hold', sessionId: sessionById(id), reason: 'None' });

		expect((result.error as NodeApiError).httpCode).toBe('503');
		expect(result.error?.message).toContain('[HTTP 503');
		expect(result.error?.message).not.toContain('not sent again');
		expect(simulator.requests.filter((request) => request.rawPath.endsWith('/hold'))).toHaveLength(3);
	});

	it('a server failure after a change: 503 once, and the error says the call may have been transferred', async () => {
		const id = voiceCallId();
		simulator.failNext(1, 503);

		const result = await runSession({ operation: 'transfer', sessionId: sessionById(id), destination: '+15555550177' });

		expect(result.error?.message).toContain('[HTTP 503');
		expect(result.error?.message).toContain('the call may have been transferred, so it was not sent again');
		expect(simulator.requests.filter((request) => request.rawPath.endsWith('/redirect'))).toHaveLength(1);
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
			message: expect.stringContaining('Evo Voice error code: NotFound'),
		});
		expect(Object.keys(output[1].json).sort()).toEqual(['error', 'message']);
		expect(output[1].json.message).toContain('Check the ID');
		expect(output[2].json.error).toContain('"Session" parameter is required');
		expect(output[3].json).toMatchObject({ id: last, callState: 'Hold' });
	});

	it('with the error output chosen, API and validation failures both leave on it, description kept', async () => {
		const first = voiceCallId();

		const result = await runWorkflow(
			evoVoiceWorkflow(
				{ resource: 'session', operation: 'hold', sessionId: sessionById('={{ $json.id }}'), reason: 'None' },
				{ items: [{ id: first }, { id: 'ses-missing' }, { id: '..' }], errorOutput: true },
			),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.outputOf(EVO_VOICE_NODE).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		const failed = result.errorOutputOf(EVO_VOICE_NODE);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(failed[0].json).toMatchObject({ error: expect.stringContaining('[HTTP 404 NotFound]'), message: expect.stringContaining('Check the ID') });
		expect(failed[1].json.error).toContain('"Session" parameter ".." is not a valid ID');
	});

	it('sends optional text trimmed, and leaves blank optional text out', async () => {
		const id = voiceCallId();
		const callSid = simulator.sessions.get(id)!.members[0].callSid;

		await runSession({
			operation: 'hold',
			sessionId: sessionById(id),
			reason: 'None',
			additionalFields: { callSid: `  ${callSid}\t` },
		});
		await runSession({ operation: 'hold', sessionId: sessionById(id), reason: 'None', additionalFields: { callSid: '   ' } });

		const holds = simulator.requests.filter((request) => request.rawPath.endsWith('/hold'));
		expect(holds.map((request) => request.body)).toEqual([
			{ sessionId: id, reason: 'None', callSid },
			{ sessionId: id, reason: 'None' },
		]);
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
