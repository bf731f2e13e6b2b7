/**
 * The node as an AI agent's or MCP client's tool, run the way n8n's engine runs a tool call: the
 * node type is the "…Tool" copy n8n makes, its one input item holds the model's arguments, and
 * parameters read them with $fromAI. What the model reads is checked: lean records, a note on
 * what a Limit left out, no file bytes, errors whose message says what to do, and no secret.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import { DEMO_USER, MANAGER_USER } from '../simulator/server';

jest.setTimeout(60_000);

const simulator = useSimulator();

const fromAI = (key: string, type = 'string') => `={{ $fromAI('${key}', '', '${type}') }}`;

async function runTool(
	parameters: IDataObject,
	args: IDataObject,
	options: { user?: { email: string; password: string }; continueOnFail?: boolean; asTool?: boolean } = {},
) {
	const credentials = simulatorCredentialsHelper(simulator, options.user);
	const run = await runWorkflow(
		evoVoiceWorkflow(parameters as never, { items: [args], asTool: options.asTool ?? true, continueOnFail: options.continueOnFail }),
		credentials,
	);
	return { ...run, credentials };
}

/** What the model reads back: n8n sends the output items' json, as one JSON array. */
function modelReads(output: INodeExecutionData[]): string {
	return JSON.stringify(output.map((item) => item.json));
}

/** Every secret of the sign-in: the password and the session cookie values it stored. */
function secretsOf(credentials: { updates: IDataObject[] }, password: string): string[] {
	const stored = credentials.updates.flatMap((update) => Object.values(update).map(String));
	const cookieValues = stored.flatMap((text) => [...text.matchAll(/ss-(?:id|pid|opt)=([^;\s"]+)/g)].map((match) => match[1]));
	return [password, ...stored.filter((text) => text.length > 0), ...cookieValues];
}

function liveCall(): string {
	return simulator.addSession({ channel: 'Voice', callState: 'Connected' }).id;
}

describe('results a model reads', () => {
	it('Hold gives the lean session, under 1,000 characters, with no log or members', async () => {
		const sessionId = liveCall();
		const run = await runTool(
			{ resource: 'session', operation: 'hold', sessionId: sessionById(fromAI('Session')), reason: 'None' },
			{ Session: sessionId },
		);
		expect(run.error).toBeUndefined();
		const output = run.outputOf(EVO_VOICE_NODE);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ id: sessionId, callState: 'Hold' });
		expect(output[0].json).not.toHaveProperty('log');
		expect(output[0].json).not.toHaveProperty('members');
		expect(modelReads(output).length).toBeLessThan(1000);
		expect(simulator.requests.filter((request) => request.rawPath === `/sessions/${sessionId}/hold`)).toHaveLength(1);
	});

	it('Hold gives the whole session when the tool\'s Simplify is turned off', async () => {
		const sessionId = liveCall();
		const run = await runTool(
			{ resource: 'session', operation: 'hold', sessionId: sessionById(sessionId), reason: 'None', simplify: false },
			{},
		);
		expect(run.error).toBeUndefined();
		expect(run.outputOf(EVO_VOICE_NODE)[0].json).toHaveProperty('members');
	});

	it('Get Active gives each session in under 300 characters, cut at the Limit with a note on how many more exist', async () => {
		for (let index = 0; index < 4; index++) liveCall();
		// Evo Voice's own IDs are 24 hex digits, longer than the simulator's.
		simulator.addSession({ id: '65f1c0ffee0123456789abcd', channel: 'Voice', callState: 'Ringing', fromName: 'Christopher Montgomery' });
		const all = await runTool({ resource: 'session', operation: 'getActive', returnAll: true }, {});
		const live = all.outputOf(EVO_VOICE_NODE);
		expect(live.length).toBeGreaterThan(3);
		for (const item of live) {
			expect(JSON.stringify(item.json).length).toBeLessThan(300);
			expect(item.json).not.toHaveProperty('log');
			expect(item.json).not.toHaveProperty('members');
		}

		const limited = await runTool({ resource: 'session', operation: 'getActive', limit: fromAI('Limit', 'number') }, { Limit: 2 });
		const output = limited.outputOf(EVO_VOICE_NODE);
		expect(output).toHaveLength(3);
		expect(output.slice(0, 2).map((item) => item.json.id)).toEqual(live.slice(0, 2).map((item) => item.json.id));
		expect(output[2].json).toEqual({
			note: `${live.length - 2} more results exist than the 2 shown: raise Limit or narrow the filters to see them.`,
		});
	});

	it('a list whose total is unknown says that more exist; the same list outside a tool has no note', async () => {
		const asTool = await runTool({ resource: 'session', operation: 'getMany', limit: 2 }, {});
		const output = asTool.outputOf(EVO_VOICE_NODE);
		expect(output).toHaveLength(3);
		expect(output[2].json.note).toBe('More results exist than the 2 shown: raise Limit or narrow the filters to see them.');

		const inWorkflow = await runTool({ resource: 'session', operation: 'getMany', limit: 2 }, {}, { asTool: false });
		expect(inWorkflow.outputOf(EVO_VOICE_NODE)).toHaveLength(2);
	});

	it('a list that fits in the Limit has no note', async () => {
		const run = await runTool({ resource: 'session', operation: 'getActive', limit: 1000 }, {});
		expect(run.outputOf(EVO_VOICE_NODE).some((item) => 'note' in item.json)).toBe(false);
	});

	it('File → Download gives the file record, saying where its bytes are, and downloads nothing', async () => {
		const run = await runTool(
			{ resource: 'file', operation: 'download', fileId: sessionById(fromAI('File')) },
			{ File: 'fil-0001' },
			{ user: MANAGER_USER },
		);
		expect(run.error).toBeUndefined();
		const output = run.outputOf(EVO_VOICE_NODE);
		expect(output).toHaveLength(1);
		expect(output[0].binary).toBeUndefined();
		expect(output[0].json).toMatchObject({ id: 'fil-0001', bytes: expect.stringContaining('File → Download') });
		expect(output[0].json).not.toHaveProperty('uri');
		expect(simulator.fileDownloads).toEqual([]);
	});

	it('File → Get Many and Recording → Get Many with Download on give records, never bytes', async () => {
		const sessionId = liveCall();
		simulator.addRecording(sessionId);
		const files = await runTool({ resource: 'file', operation: 'getMany', limit: 3, download: true }, {}, { user: MANAGER_USER });
		const recordings = await runTool(
			{ resource: 'recording', operation: 'getMany', sessionId: sessionById(sessionId), returnAll: true, download: true },
			{},
			{ user: MANAGER_USER },
		);
		for (const output of [files.outputOf(EVO_VOICE_NODE), recordings.outputOf(EVO_VOICE_NODE)]) {
			const records = output.filter((item) => !('note' in item.json));
			expect(records.length).toBeGreaterThan(0);
			for (const item of records) {
				expect(item.binary).toBeUndefined();
				expect(item.json).not.toHaveProperty('uri');
				expect(typeof item.json.bytes).toBe('string');
			}
		}
		expect(simulator.fileDownloads).toEqual([]);
	});

	it('a directory record comes without its customer trail or empty fields, its custom data as plain values', async () => {
		const parameters = { resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'id', value: 'cus-northwind-retail' } };
		const asTool = await runTool(parameters, {}, { user: MANAGER_USER });
		const inWorkflow = await runTool(parameters, {}, { user: MANAGER_USER, asTool: false });

		const [record] = asTool.outputOf(EVO_VOICE_NODE);
		expect(record.json).toMatchObject({ id: 'cus-northwind-retail', name: 'Northwind Retail', data: { Region: 'East', Seats: 12 } });
		expect(record.json).not.toHaveProperty('breadcrumb');
		for (const value of Object.values(record.json)) expect([null, '', undefined]).not.toContain(value);
		// In a workflow the record is Evo Voice's own.
		const [whole] = inWorkflow.outputOf(EVO_VOICE_NODE);
		expect(whole.json).toMatchObject({ data: { Region: { stringValue: 'East' }, Seats: { numberValue: 12 } } });
		expect(Array.isArray(whole.json.breadcrumb)).toBe(true);
		expect(modelReads([record]).length).toBeLessThan(modelReads([whole]).length);
	});

	it('a chat transcript\'s messages leave out the empty media fields', async () => {
		const chat = [...simulator.sessions.values()].find((session) => session.channel === 'Chat' && !session.ended)!;
		const run = await runTool({ resource: 'chat', operation: 'getTranscript', sessionId: sessionById(chat.id), output: 'oneItem' }, {});

		const [transcript] = run.outputOf(EVO_VOICE_NODE);
		const messages = transcript.json.messages as IDataObject[];
		expect(messages.length).toBeGreaterThan(0);
		for (const message of messages) expect(Object.keys(message).sort()).toEqual(['body', 'date', 'from']);
	});
});

describe('errors a model reads', () => {
	it('a bad session ID: Evo Voice\'s message and what to do, in the message itself, with no secret', async () => {
		const run = await runTool(
			{ resource: 'session', operation: 'hold', sessionId: sessionById(fromAI('Session')), reason: 'None' },
			{ Session: 'ses-does-not-exist' },
		);
		const message = run.error!.message;
		expect(message).toMatch(/\[HTTP 404/);
		expect(message).toContain('take it from what a list tool returned (a live call\'s session ID from Get Active Sessions)');
		const everything = JSON.stringify({ message, description: (run.error as { description?: string }).description, data: run.run.data });
		for (const secret of secretsOf(run.credentials, DEMO_USER.password)) expect(everything).not.toContain(secret);
	});

	it('under Continue On Fail, the error item the model reads carries the hint too', async () => {
		const run = await runTool(
			{ resource: 'session', operation: 'hold', sessionId: sessionById('ses-does-not-exist'), reason: 'None' },
			{},
			{ continueOnFail: true },
		);
		expect(run.outputOf(EVO_VOICE_NODE)[0].json.error).toContain('Get Active Sessions');
	});

	it('a refused sign-in says the credential must be fixed, and never gives the password', async () => {
		const wrongLogin = { email: DEMO_USER.email, password: `${DEMO_USER.password}-typo` };
		const run = await runTool({ resource: 'session', operation: 'getActive', returnAll: true }, {}, { user: wrongLogin });
		expect(run.error!.message).toContain('the Evo Voice credential must be fixed in n8n; trying again will not help');
		expect(JSON.stringify({ message: run.error!.message, data: run.run.data })).not.toContain(wrongLogin.password);
	});

	it('a change Evo Voice may have made: not sent again, and check before trying again', async () => {
		const sessionId = liveCall();
		simulator.failNext(1, 503);
		const run = await runTool(
			{ resource: 'session', operation: 'transfer', sessionId: sessionById(sessionId), destination: '+15555550123' },
			{},
		);
		expect(run.error!.message).toContain('not sent again');
		expect(run.error!.message).toContain('Check whether it happened');
		expect(simulator.requests.filter((request) => request.rawPath === `/sessions/${sessionId}/redirect`)).toHaveLength(1);
	});

	it('a parameter the model filled wrongly is named by the key it filled ($fromAI names it after the parameter)', async () => {
		const run = await runTool(
			{ resource: 'session', operation: 'transfer', sessionId: sessionById(liveCall()), destination: fromAI('Destination') },
			{ Destination: 'the supervisor' },
		);
		expect(run.error!.message).toContain('"Destination" parameter must be a phone number or an email address');
		expect(simulator.requests.filter((request) => request.rawPath.endsWith('/redirect'))).toHaveLength(0);
	});
});
