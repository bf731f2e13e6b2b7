import type { IDataObject } from 'n8n-workflow';

import type { EvoVoiceClient } from '../../nodes/EvoVoice/transport';
import { LIST_PAGE_SIZE, collectPages } from '../../nodes/EvoVoice/transport';
import { SIMPLIFIED_SESSION_FIELDS } from '../../nodes/EvoVoice/helpers/simplify';
import type { ChatTranscriptMessage, FileInfo, MessageInfo, SessionInfo } from '../../nodes/EvoVoice/transport/dto';
import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import type { RecordedRequest, SimulatorUser } from '../simulator/server';
import { DEMO_USER, MANAGER_USER } from '../simulator/server';
import { SEED_CLOCK_START } from '../simulator/seed';
import { freezeDateAt } from '../harness/fixed-clock';

const simulator = useSimulator();

// Tests that freeze the clock give it back, whatever their outcome.
afterEach(() => jest.useRealTimers());

function apiRequests(): RecordedRequest[] {
	return simulator.requests.filter((request) => !request.rawPath.startsWith('/auth/'));
}

async function run(parameters: IDataObject, options: { items?: IDataObject[]; user?: SimulatorUser } = {}) {
	const result = await runWorkflow(
		evoVoiceWorkflow(parameters as never, { items: options.items ?? [{}] }),
		simulatorCredentialsHelper(simulator, options.user),
	);
	expect(result.error).toBeUndefined();
	return result.outputOf(EVO_VOICE_NODE);
}

const liveCall = (overrides: Partial<SessionInfo> = {}) =>
	simulator.addSession({ channel: 'Voice', callState: 'Connected', ...overrides });
const liveChat = (overrides: Partial<SessionInfo> = {}) =>
	simulator.addSession({ channel: 'Chat', callState: 'Connected', ...overrides });

describe('Session → Get', () => {
	it('reads one session with GetSession and leaves the log out unless asked', async () => {
		const output = await run({ resource: 'session', operation: 'get', sessionId: sessionById('ses-0003') });

		expect(apiRequests()).toEqual([expect.objectContaining({ method: 'GET', rawPath: '/sessions/ses-0003' })]);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ id: 'ses-0003', fromName: 'Chen Wei' });
		expect(output[0].json).not.toHaveProperty('log');
	});

	it('adds the log through ListSessions with specificIds, since GetSession strips it', async () => {
		const output = await run({
			resource: 'session',
			operation: 'get',
			sessionId: sessionById('ses-0010'),
			options: { includeLog: true },
		});

		expect(apiRequests().map((request) => [request.rawPath, request.query])).toEqual([
			['/sessions/ses-0010', {}],
			['/sessions', { specificIds: 'ses-0010', countPerPage: '1', simplifiedPaging: 'true' }],
		]);
		const session = output[0].json as unknown as SessionInfo;
		expect(session.log.map((entry) => entry.message)).toEqual(simulator.sessions.get('ses-0010')!.log.map((entry) => entry.message));
		expect(session.log.length).toBeGreaterThan(0);
	});

	it('finds a session older than 15 days only with Search Archive', async () => {
		const old = simulator.addSession({ dateCreated: '2026-10-01T10:00:00.000Z', ended: true, callState: 'Disconnected' });

		const archived = await run({
			resource: 'session',
			operation: 'get',
			sessionId: sessionById(old.id),
			options: { searchArchive: true, includeLog: true },
		});
		expect(apiRequests().at(-1)?.query).toMatchObject({ specificIds: old.id, searchArchive: 'true' });
		expect(archived[0].json).toMatchObject({ id: old.id, log: expect.any(Array) });

		const result = await runWorkflow(
			evoVoiceWorkflow({ resource: 'session', operation: 'get', sessionId: sessionById(old.id) } as never),
			simulatorCredentialsHelper(simulator),
		);
		expect(result.error?.message).toContain('does not exist');
		expect(result.error?.description).toContain('Search Archive');
	});
});

describe('Session → Get Many', () => {
	it('sends every filter the way ListSessions reads it and skips empty ones', async () => {
		await run({
			resource: 'session',
			operation: 'getMany',
			returnAll: false,
			limit: 5,
			filters: {
				accountIds: ' acc-northwind , acc-contoso,, ',
				customerIds: '',
				startDate: '2026-11-01',
				endDate: '2026-11-30',
				from: '+1555',
				log: 'started',
			},
			options: { sortField: 'DateCreated', sortOrder: 'Ascend' },
		});

		expect(apiRequests()[0].query).toEqual({
			accountIds: 'acc-northwind,acc-contoso',
			startDate: '2026-11-01',
			endDate: '2026-11-30',
			from: '+1555',
			log: 'started',
			sortField: 'DateCreated',
			sortOrder: 'Ascend',
			page: '0',
			countPerPage: '5',
			simplifiedPaging: 'true',
		});
	});

	it('follows the pages until hasMorePages is false under Return All, one simplified item per session', async () => {
		for (let index = 0; index < 2 * LIST_PAGE_SIZE + 30; index++) simulator.addSession({ fromName: `Caller ${index}` });
		const visible = [...simulator.sessions.values()].length;

		const output = await run({ resource: 'session', operation: 'getMany', returnAll: true }, { items: [{}] });

		expect(apiRequests().map((request) => request.query.page)).toEqual(['0', '1', '2']);
		expect(output).toHaveLength(visible);
		expect(new Set(output.map((item) => item.json.id)).size).toBe(visible);
		expect(Object.keys(output[0].json).sort()).toEqual([...SIMPLIFIED_SESSION_FIELDS].sort());
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('stops on a page that brings nothing new, even if it claims there is more', async () => {
		const stuck = { items: [...simulator.sessions.values()].slice(0, 2), hasMorePages: true };
		const pages: number[] = [];
		// A server that ignores `page`: every request gets the same page.
		const ignoringPages = {
			node: { name: 'Evo Voice' },
			send: async (request: { qs?: { page?: number } }) => {
				pages.push(Number(request.qs?.page));
				return { status: 200, contentType: 'application/json', text: JSON.stringify(stuck) };
			},
			warn: () => {},
		} as unknown as EvoVoiceClient;
		const collected = await collectPages(ignoringPages, 'ListSessions', {}, Infinity);
		expect(pages).toEqual([0, 1]);
		expect(collected).toHaveLength(2);
	});

	it('fails on a Start Date that is not YYYY-MM-DD before any request', async () => {
		const result = await runWorkflow(
			evoVoiceWorkflow({
				resource: 'session',
				operation: 'getMany',
				returnAll: true,
				filters: { startDate: '2026-11-01T10:00:00Z' },
			} as never),
			simulatorCredentialsHelper(simulator),
		);
		expect(result.error?.message).toContain('"Start Date" parameter must be an ISO 8601 date such as 2026-11-24 for item 0');
		expect(apiRequests()).toEqual([]);
	});
});

describe('Session → End', () => {
	it('ends the call with EndSession, then reads the ended session back and says so', async () => {
		const call = liveCall();

		const output = await run({ resource: 'session', operation: 'end', sessionId: sessionById(call.id) });

		expect(apiRequests().map((request) => [request.method, request.rawPath, request.query])).toEqual([
			['DELETE', `/sessions/${call.id}`, {}],
			['GET', `/sessions/${call.id}`, {}],
		]);
		expect(output[0].json).toMatchObject({ id: call.id, ended: true, callState: 'Disconnected', endedSessionFrom: 'GetSession' });
		expect(simulator.sessions.get(call.id)?.ended).toBe(true);
	});

	it('sends the Call SID as a query parameter and simplifies when asked', async () => {
		const call = liveCall();
		const agentSid = call.members.find((member) => member.role === 'Agent')!.callSid;

		const output = await run({
			resource: 'session',
			operation: 'end',
			sessionId: sessionById(call.id),
			simplify: true,
			additionalFields: { callSid: agentSid },
		});

		expect(apiRequests()[0].query).toEqual({ callSid: agentSid });
		expect(Object.keys(output[0].json).sort()).toEqual([...SIMPLIFIED_SESSION_FIELDS, 'endedSessionFrom'].sort());
	});

	it('outputs {id, ended: true} when the ended session can no longer be read', async () => {
		const call = liveCall();
		// EndSession succeeds; the read-back finds nothing.
		simulator.sessions.get(call.id)!.dateCreated = '2026-01-01T00:00:00.000Z';

		const output = await run({ resource: 'session', operation: 'end', sessionId: sessionById(call.id) });

		expect(output[0].json).toEqual({ id: call.id, ended: true, endedSessionFrom: 'none' });
	});
});

describe('Session → Transfer', () => {
	it('redirects the call with the seeds\' body and returns the session read back', async () => {
		const call = liveCall();

		const output = await run({
			resource: 'session',
			operation: 'transfer',
			sessionId: sessionById(call.id),
			destination: '+15555550177',
			additionalFields: { callerId: '+15555550100' },
		});

		expect(apiRequests()[0]).toMatchObject({
			method: 'POST',
			rawPath: `/sessions/${call.id}/redirect`,
			body: { sessionId: call.id, destination: '+15555550177', callerId: '+15555550100' },
		});
		expect(output[0].json).toMatchObject({ id: call.id, destination: '+15555550177', callState: 'Ringing' });
	});

	it('is not repeated after a 429: a transfer must not happen twice', async () => {
		const call = liveCall();
		simulator.failNext(1, 429);

		const result = await runWorkflow(
			evoVoiceWorkflow({ resource: 'session', operation: 'transfer', sessionId: sessionById(call.id), destination: '+15555550177' } as never),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.error?.message).toContain('HTTP 429');
		expect(apiRequests().filter((request) => request.rawPath.endsWith('/redirect'))).toHaveLength(1);
	});
});

describe('Chat → Send Message', () => {
	it('posts the message and outputs the MessageInfo', async () => {
		const chat = liveChat();

		const output = await run({ resource: 'chat', operation: 'sendMessage', sessionId: sessionById(chat.id), body: 'Your order shipped today.' });

		expect(apiRequests()[0]).toMatchObject({
			method: 'POST',
			rawPath: `/sessions/${chat.id}/messages`,
			body: { sessionId: chat.id, body: 'Your order shipped today.' },
		});
		const message = output[0].json as unknown as MessageInfo;
		expect(message).toMatchObject({ text: 'Your order shipped today.', direction: 'Outgoing', sender: DEMO_USER.name });
		expect(message.id).toMatch(/^msg-/);
	});

	it('sends the text exactly as written: leading and trailing spaces and line breaks are part of it', async () => {
		const chat = liveChat();
		const text = '  Hello,\n\nyour order shipped.\n  ';

		await run({ resource: 'chat', operation: 'sendMessage', sessionId: sessionById(chat.id), body: text });

		expect(apiRequests()[0].body).toEqual({ sessionId: chat.id, body: text });
	});
});

describe('Chat → Get Transcript', () => {
	it('outputs one item per message, each naming its session', async () => {
		const output = await run({ resource: 'chat', operation: 'getTranscript', sessionId: sessionById('ses-0004'), output: 'perMessage' });

		expect(apiRequests()[0]).toMatchObject({ method: 'GET', rawPath: '/sessions/ses-0004/transcript', query: {} });
		const transcript = simulator.transcripts.get('ses-0004')!;
		expect(output.map((item) => item.json)).toEqual(transcript.map((message) => ({ sessionId: 'ses-0004', ...message })));
	});

	it('adds the historical messages from the cut-off date on, in one item when asked', async () => {
		// The six-month bound is read against the clock: every date here comes from a fixed one.
		freezeDateAt(SEED_CLOCK_START);
		const daysBefore = (days: number) => new Date(SEED_CLOCK_START - days * 86_400_000).toISOString();
		const cutOff = daysBefore(23).slice(0, 10);
		const earlier = liveChat({ fromAddress: '+15555550163', dateCreated: daysBefore(4) });
		simulator.transcripts.set(earlier.id, [
			{ date: daysBefore(4), from: '+15555550163', body: 'Old question', mediaUri: '', mediaContentType: '' },
		]);

		const output = await run({
			resource: 'chat',
			operation: 'getTranscript',
			sessionId: sessionById('ses-0004'),
			output: 'oneItem',
			options: { includeHistorical: true, historicalCutOffDate: cutOff },
		});

		expect(apiRequests()[0].query).toEqual({ includeHistorical: 'true', historicalCutOffDate: cutOff });
		expect(output).toHaveLength(1);
		const messages = output[0].json.messages as ChatTranscriptMessage[];
		expect(messages[0].body).toBe('Old question');
		expect(messages).toHaveLength(simulator.transcripts.get('ses-0004')!.length + 1);
	});
});

describe('Chat → Remove Member', () => {
	it('deletes the member with the id in the path and in memberToRemove', async () => {
		const chat = liveChat();

		const output = await run({ resource: 'chat', operation: 'removeMember', sessionId: sessionById(chat.id), memberToRemove: 'agent@example.com' });

		expect(apiRequests()[0]).toMatchObject({
			method: 'DELETE',
			rawPath: `/sessions/${chat.id}/members/agent%40example.com`,
			query: { memberToRemove: 'agent@example.com' },
		});
		const session = output[0].json as unknown as SessionInfo;
		expect(session.members.map((member) => member.identity)).not.toContain('agent@example.com');
	});
});

describe('Recording → Get Many', () => {
	it('lists the call\'s recordings, one item each, without downloading by default', async () => {
		simulator.addRecording('ses-0010', { id: 'fil-extra' });

		const output = await run(
			{ resource: 'recording', operation: 'getMany', sessionId: sessionById('ses-0010'), returnAll: true },
			{ user: MANAGER_USER },
		);

		expect(apiRequests()[0]).toMatchObject({
			method: 'GET',
			rawPath: '/files',
			query: { sessionId: 'ses-0010', type: 'CallRecording', page: '0', countPerPage: String(LIST_PAGE_SIZE), simplifiedPaging: 'true' },
		});
		expect(output.map((item) => item.json.id).sort()).toEqual(['fil-0001', 'fil-extra']);
		expect(output.every((item) => item.binary === undefined)).toBe(true);
		expect(simulator.fileDownloads).toEqual([]);
	});

	it('downloads each recording into binary data with its file name and type, with the sign-in only on the Evo Voice origin', async () => {
		const output = await run(
			{
				resource: 'recording',
				operation: 'getMany',
				sessionId: sessionById('ses-0010'),
				returnAll: true,
				download: true,
				binaryPropertyName: 'audio',
			},
			{ user: MANAGER_USER },
		);

		const [recording] = output;
		const file = recording.json as unknown as FileInfo;
		expect(recording.binary?.audio).toMatchObject({ fileName: file.fileName, mimeType: 'audio/mpeg' });
		const bytes = Buffer.from(recording.binary!.audio.data, 'base64');
		expect(bytes.subarray(0, 3).toString()).toBe('ID3');
		expect(simulator.fileDownloads).toEqual([
			{ origin: 'evoVoice', path: `/__simulator/files/${file.id}`, cookies: expect.objectContaining({ 'ss-id': expect.any(String) }) as unknown },
		]);
	});

	it('fails naming the recording when its file is gone', async () => {
		simulator.addRecording('ses-0010', { id: 'fil-gone', uri: `${simulator.url}/__simulator/files/missing.mp3` });

		const result = await runWorkflow(
			evoVoiceWorkflow({ resource: 'recording', operation: 'getMany', sessionId: sessionById('ses-0010'), returnAll: true, download: true, binaryPropertyName: 'data' } as never),
			simulatorCredentialsHelper(simulator, MANAGER_USER),
		);

		expect(result.error?.message).toMatch(/file "fil-gone" was not found at its address on 127\.0\.0\.1:\d+ \(HTTP 404\)/);
	});
});

describe('Call → Start Outgoing', () => {
	it('starts the call as a Manager and outputs the request when Evo Voice answers empty', async () => {
		const output = await run(
			{ resource: 'call', operation: 'startOutgoing', flowId: 'flw-survey', numberToDial: '+1 (814) 404-3093', additionalFields: { callerId: '+15555550100' } },
			{ user: MANAGER_USER },
		);

		expect(apiRequests()[0]).toMatchObject({
			method: 'POST',
			rawPath: '/sessions/outgoing',
			body: { flowId: 'flw-survey', numberToDial: '+18144043093', callerId: '+15555550100' },
		});
		expect(output[0].json).toEqual({ flowId: 'flw-survey', numberToDial: '+18144043093', callerId: '+15555550100', started: true });
		expect([...simulator.sessions.values()].some((session) => session.toAddress === '+18144043093')).toBe(true);
	});

	it('is refused for a user without the Manager role', async () => {
		const result = await runWorkflow(
			evoVoiceWorkflow({ resource: 'call', operation: 'startOutgoing', flowId: 'flw-survey', numberToDial: '+18144043093' } as never),
			simulatorCredentialsHelper(simulator, DEMO_USER),
		);
		expect(result.error?.message).toContain('Invalid Role [HTTP 403 Forbidden]');
	});
});

describe('parameters of the new operations are checked before any request', () => {
	it.each([
		[{ resource: 'session', operation: 'transfer', sessionId: sessionById('ses-0003'), destination: 'front desk' }, '"Destination" parameter must be a phone number or an email address'],
		[{ resource: 'session', operation: 'end', sessionId: sessionById(' ') }, '"Session" parameter is required'],
		[{ resource: 'chat', operation: 'sendMessage', sessionId: sessionById('ses-0004'), body: '={{ "" }}' }, '"Message" parameter is required'],
		[{ resource: 'chat', operation: 'removeMember', sessionId: sessionById('ses-0004'), memberToRemove: '={{ $json.nobody }}' }, '"Member To Remove"'],
		[{ resource: 'chat', operation: 'getTranscript', sessionId: sessionById('ses-0004'), output: 'perMessage', options: { includeHistorical: true, historicalCutOffDate: '2020-01-01' } }, '"Historical Cut-Off Date" option may be at most six months ago'],
		[{ resource: 'recording', operation: 'getMany', sessionId: sessionById('ses-0010'), returnAll: false, limit: 0 }, '"Limit" parameter must be a whole number'],
		[{ resource: 'call', operation: 'startOutgoing', flowId: 'flw-1', numberToDial: '0800 CALL NOW' }, '"Number To Dial" parameter must be an E.164 phone number'],
		[{ resource: 'call', operation: 'startOutgoing', flowId: ' ', numberToDial: '+18144043093' }, '"Flow" parameter is required'],
	])('%j', async (parameters, named) => {
		const result = await runWorkflow(
			evoVoiceWorkflow(parameters as never, { items: [{}, {}] }),
			simulatorCredentialsHelper(simulator, MANAGER_USER),
		);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(named);
		expect(result.error?.message).toContain('item 0');
		expect(apiRequests()).toEqual([]);
	});
});
