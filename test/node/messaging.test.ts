/**
 * SMS: Message → Send and Get Many, Conversation → Get Many and Reply, and the phone-number and
 * conversation pickers, run through n8n's engine against the simulator.
 */
import type { IDataObject } from 'n8n-workflow';

import { SIMPLIFIED_MESSAGE_FIELDS } from '../../nodes/EvoVoice/actions/message/messaging';
import { LIST_PAGE_SIZE } from '../../nodes/EvoVoice/transport';
import { runWorkflow } from '../harness/engine';
import { listSearch } from '../harness/list-search';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById as byId } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import { SEEDED_MESSAGE_COUNT } from '../simulator/messaging';
import type { RecordedRequest } from '../simulator/server';
import { MANAGER_USER } from '../simulator/server';

const simulator = useSimulator();

jest.setTimeout(60_000);

function apiRequests(): RecordedRequest[] {
	return simulator.requests.filter((request) => !request.rawPath.startsWith('/auth/'));
}

const sends = () => simulator.requests.filter((request) => request.method === 'POST' && request.rawPath === '/messages');

async function runNode(parameters: IDataObject, options: Parameters<typeof evoVoiceWorkflow>[1] = {}) {
	return await runWorkflow(evoVoiceWorkflow(parameters as never, options), simulatorCredentialsHelper(simulator));
}

async function run(parameters: IDataObject, items: IDataObject[] = [{}]) {
	const result = await runNode(parameters, { items });
	expect(result.error).toBeUndefined();
	return result.outputOf(EVO_VOICE_NODE).map((item) => item.json);
}

const sms = (overrides: IDataObject = {}) => ({
	resource: 'message',
	operation: 'send',
	endpointId: byId('end-main-line'),
	toAddress: '+15555550163',
	text: 'Your appointment is confirmed.',
	...overrides,
});

describe('Message → Send', () => {
	it('posts {endpointId, toAddress, body} to /messages and outputs the simplified message', async () => {
		const [output] = await run(sms());

		expect(apiRequests()).toEqual([
			expect.objectContaining({
				method: 'POST',
				rawPath: '/messages',
				body: { endpointId: 'end-main-line', toAddress: '+15555550163', body: 'Your appointment is confirmed.' },
			}),
		]);
		expect(Object.keys(output).sort()).toEqual([...SIMPLIFIED_MESSAGE_FIELDS].sort());
		expect(output).toMatchObject({
			direction: 'Outgoing',
			endpointId: 'end-main-line',
			endpointDisplayName: 'Northwind main line',
			otherAddress: '+15555550163',
			text: 'Your appointment is confirmed.',
		});
		expect(simulator.messaging.messages.at(-1)).toMatchObject({ id: output.id, direction: 'Outgoing' });
	});

	it('with Simplify off outputs the whole MessageInfo', async () => {
		const [output] = await run(sms({ simplify: false }));
		expect(output).toMatchObject({ accountId: 'acc-northwind', customerId: 'cus-northwind-retail', isUnread: false });
	});

	it('drops spaces, dashes, dots and brackets from To, and sends the text exactly as given', async () => {
		const text = '  Line one\n\tLine two 🎉  ';
		await run(sms({ toAddress: '+1 (555) 555.01-63', text }));
		expect(sends()[0].body).toEqual({ endpointId: 'end-main-line', toAddress: '+15555550163', body: text });
	});

	it('reads From, To and Text per item from expressions', async () => {
		const output = await run(sms({ endpointId: byId('={{ $json.line }}'), toAddress: '={{ $json.to }}', text: '=Hi {{ $json.name }}' }), [
			{ line: 'end-main-line', to: '+15555550142', name: 'Maria' },
			{ line: 'end-sales-line', to: '+4930555010', name: 'Lukas' },
		]);
		expect(sends().map((request) => request.body)).toEqual([
			{ endpointId: 'end-main-line', toAddress: '+15555550142', body: 'Hi Maria' },
			{ endpointId: 'end-sales-line', toAddress: '+4930555010', body: 'Hi Lukas' },
		]);
		expect(output.map((json) => json.endpointDisplayName)).toEqual(['Northwind main line', 'Sales Line']);
	});

	it.each([
		['To is not a phone number', { toAddress: 'call me' }, 'The "To" parameter must be an E.164 phone number such as +18144043093 for item 0, got "call me"'],
		['To has no plus', { toAddress: '15555550163' }, '"To" parameter must be an E.164 phone number'],
		['To starts with 0', { toAddress: '+05555550163' }, '"To" parameter must be an E.164 phone number'],
		['To is too short', { toAddress: '+123456' }, '"To" parameter must be an E.164 phone number'],
		['To is too long', { toAddress: '+1234567890123456' }, '"To" parameter must be an E.164 phone number'],
		['To is empty', { toAddress: '={{ $json.none }}' }, 'The "To" parameter is required but is empty for item 0'],
		['From is missing', { endpointId: byId('={{ $json.none }}') }, 'The "From" parameter is required but is empty for item 0'],
		['Text is empty', { text: '={{ $json.none }}' }, 'The "Text" parameter is required but is empty for item 0'],
		['Text is not text', { text: '={{ { a: 1 } }}' }, 'The "Text" parameter must be text for item 0, got an object'],
	])('%s: fails before any request, naming the parameter and the item', async (_case, overrides, message) => {
		const result = await runNode(sms(overrides));
		expect(result.error?.message).toContain(message);
		expect(apiRequests()).toEqual([]);
	});

	it('with Continue On Fail, a bad item fails alone and the others are sent', async () => {
		const result = await runNode(sms({ toAddress: '={{ $json.to }}' }), {
			items: [{ to: '+15555550142' }, { to: 'not a number' }, { to: '+15555550177' }],
			continueOnFail: true,
		});
		const output = result.outputOf(EVO_VOICE_NODE);
		expect(output.map((item) => item.json.otherAddress ?? item.json.error)).toEqual([
			'+15555550142',
			expect.stringContaining('"To" parameter must be an E.164 phone number such as +18144043093 for item 1'),
			'+15555550177',
		]);
		expect(sends()).toHaveLength(2);
	});

	it.each([
		['a From that cannot send SMS', { endpointId: byId('end-fax-line') }, 'SMS is disabled for Fax Line (+15555550102)'],
		['a From that is not a phone number', { endpointId: byId('end-support-team') }, "Endpoint 'end-support-team' is not a phone number"],
		['a To Evo Voice refuses', { toAddress: '+15555550911' }, "'+15555550911' cannot receive SMS messages"],
	])("shows Evo Voice's 400 for %s with its own message", async (_case, overrides, message) => {
		const result = await runNode(sms(overrides));
		expect(result.error?.message).toContain(message);
		expect(result.error?.message).toContain('HTTP 400');
		expect(sends()).toHaveLength(1);
	});

	it('a 200 that is not a message record is an error saying what came back', async () => {
		simulator.interceptNext('/messages', () => ({ body: '{"ok":true}' }));
		const result = await runNode(sms());
		expect(result.error?.message).toContain('the sent message');
		expect(`${result.error?.message} ${(result.error as { description?: string }).description ?? ''}`).toContain('{"ok":true}');
	});

	it('is never sent twice: a 503 gives one request and says the message may have been sent', async () => {
		simulator.failNext(1, 503);
		const result = await runNode(sms());
		expect(result.error?.message).toContain('the message may have been sent, so it was not sent again');
		expect(sends()).toHaveLength(1);
	});

	it('is never sent twice: a timeout gives one request', async () => {
		simulator.injectFault('POST /messages', 'noAnswer');
		const result = await runNode(sms({ options: { timeout: 2 } }));
		expect(result.error?.message).toContain('did not answer within 2 s');
		expect(result.error?.message).toContain('so it was not sent again');
		expect(sends()).toHaveLength(1);
	});

	it('is sent again after a 429 (Evo Voice refused it before acting), and sent once in all', async () => {
		simulator.injectFault('POST /messages', 'rateLimited429', { retryAfterSeconds: 0 });
		const result = await runNode(sms());
		expect(result.error).toBeUndefined();
		expect(sends()).toHaveLength(2);
		expect(simulator.messaging.messages.filter((message) => message.direction === 'Outgoing' && message.text === 'Your appointment is confirmed.')).toHaveLength(1);
	});
});

const history = (overrides: IDataObject = {}) => ({ resource: 'message', operation: 'getMany', ...overrides });
const listRequests = () => apiRequests().filter((request) => request.rawPath === '/messages');

describe('Message → Get Many', () => {
	it('Return All reads every page of LIST_PAGE_SIZE with simplified paging, one item per message', async () => {
		simulator.messaging.addMessages(LIST_PAGE_SIZE);
		const total = simulator.messaging.messages.length;
		const output = await run(history({ returnAll: true }));

		expect(output).toHaveLength(total);
		expect(new Set(output.map((json) => json.id)).size).toBe(total);
		expect(listRequests().map((request) => request.query)).toEqual([
			{ page: '0', countPerPage: String(LIST_PAGE_SIZE), simplifiedPaging: 'true' },
			{ page: '1', countPerPage: String(LIST_PAGE_SIZE), simplifiedPaging: 'true' },
		]);
		expect(Object.keys(output[0]).sort()).toEqual([...SIMPLIFIED_MESSAGE_FIELDS].sort());
	});

	it('a server whose first page is shorter than asked, with more to come, is paged on at the size it gave', async () => {
		const everyMessage = await run(history({ returnAll: true, simplify: false }));
		expect(everyMessage).toHaveLength(SEEDED_MESSAGE_COUNT);
		simulator.clearRequests();
		// A server whose largest page is 100: it gives the first 100 and says more pages follow.
		simulator.interceptNext('/messages', () => ({ body: JSON.stringify({ items: everyMessage.slice(0, 100), hasMorePages: true }) }));

		const output = await run(history({ returnAll: true, simplify: false }));

		expect(output.map((json) => json.id)).toEqual(everyMessage.map((json) => json.id));
		expect(listRequests().map((request) => [request.query.page, request.query.countPerPage])).toEqual([
			['0', String(LIST_PAGE_SIZE)],
			['1', '100'],
		]);
	});

	it('Limit asks for no more than it keeps', async () => {
		const output = await run(history({ limit: 7 }));
		expect(output).toHaveLength(7);
		expect(listRequests()).toHaveLength(1);
		expect(listRequests()[0].query.countPerPage).toBe('7');
	});

	it.each(['Incoming', 'Outgoing'])('Direction %s is applied by the node and Limit still counts exactly', async (direction) => {
		const all = simulator.messaging.messages.filter((message) => message.direction === direction);
		const limited = await run(history({ limit: 95, filters: { direction } }));
		expect(limited).toHaveLength(Math.min(95, all.length));
		expect(limited.every((json) => json.direction === direction)).toBe(true);
		// Evo Voice has no direction filter: none is sent, and full pages are read.
		expect(listRequests().every((request) => request.query.direction === undefined && request.query.countPerPage === String(LIST_PAGE_SIZE))).toBe(true);

		simulator.clearRequests();
		const every = await run(history({ returnAll: true, filters: { direction } }));
		expect(every.map((json) => json.id).sort()).toEqual(all.map((message) => message.id).sort());
	});

	it('sends the filters as Evo Voice names them; an After Date with an offset goes in UTC', async () => {
		await run(
			history({
				limit: 10,
				filters: {
					accountIds: 'acc-northwind, acc-contoso,',
					customerIds: 'cus-northwind-retail',
					conversationIds: 'cnv-0001,cnv-0002',
					endpointId: byId('end-main-line'),
					afterDate: '2026-11-24T02:00:00-05:00',
				},
			}),
		);
		expect(listRequests()[0].query).toEqual({
			accountIds: 'acc-northwind,acc-contoso',
			customerIds: 'cus-northwind-retail',
			conversationIds: 'cnv-0001,cnv-0002',
			endpointIds: 'end-main-line',
			afterDate: '2026-11-24T07:00:00.000Z',
			page: '0',
			countPerPage: '10',
			simplifiedPaging: 'true',
		});
	});

	it('the Phone Number and After Date filters narrow the history', async () => {
		const output = await run(history({ returnAll: true, filters: { endpointId: byId('end-sales-line'), afterDate: '2026-11-24T08:00:00Z' } }));
		const expected = simulator.messaging.messages.filter(
			(message) => message.endpointId === 'end-sales-line' && message.date > '2026-11-24T08:00:00.000Z',
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(output.map((json) => json.id).sort()).toEqual(expected.map((message) => message.id).sort());
	});

	it.each([
		['After Date is not a date', { filters: { afterDate: 'yesterday' } }, 'The "After Date" parameter must be an ISO 8601 date'],
		['Direction is unknown', { filters: { direction: 'Sideways' } }, 'The "Direction" parameter must be one of any, Incoming, Outgoing'],
		['Limit is not a whole number', { limit: 0 }, 'The "Limit" parameter must be a whole number of at least 1'],
		['Accounts is not text', { filters: { accountIds: '={{ [1, 2] }}' } }, 'The "Accounts" parameter must be text for item 0'],
	])('%s: fails before any request', async (_case, overrides, message) => {
		const result = await runNode(history(overrides));
		expect(result.error?.message).toContain(message);
		expect(apiRequests()).toEqual([]);
	});

	it('a page that is not a list of messages is an error saying what came back', async () => {
		simulator.interceptNext('/messages', () => ({ body: '<html>Sign in</html>', contentType: 'text/html' }));
		const result = await runNode(history());
		expect(result.error?.message).toContain('a page of messages');
	});
});

describe('Conversation → Get Many', () => {
	it('GET /conversations: one item per conversation with its other party and most recent message', async () => {
		const output = await run({ resource: 'conversation', operation: 'getMany', returnAll: true });
		expect(apiRequests().map((request) => `${request.method} ${request.rawPath}`)).toEqual(['GET /conversations']);
		const parties = new Set(simulator.messaging.messages.map((message) => `${message.endpointId}|${message.otherAddress}`));
		expect(output).toHaveLength(parties.size);
		expect(output[0]).toEqual({
			id: expect.stringMatching(/^cnv-/),
			endpointId: expect.any(String),
			otherAddress: expect.any(String),
			mostRecentMessage: expect.objectContaining({ id: expect.any(String), text: expect.any(String) }),
		});
	});

	it('Limit keeps the first conversations; the filters are sent as Evo Voice names them', async () => {
		const output = await run({
			resource: 'conversation',
			operation: 'getMany',
			limit: 2,
			filters: { accountIds: 'acc-northwind', customerIds: 'cus-northwind-retail', endpointId: byId('end-main-line'), afterDate: '2026-11-20' },
		});
		expect(output).toHaveLength(2);
		expect(apiRequests()[0].query).toEqual({
			accountIds: 'acc-northwind',
			customerIds: 'cus-northwind-retail',
			endpointIds: 'end-main-line',
			afterDate: '2026-11-20',
		});
		expect(output.every((json) => json.endpointId === 'end-main-line')).toBe(true);
	});

	it('a bad After Date fails before any request', async () => {
		const result = await runNode({ resource: 'conversation', operation: 'getMany', filters: { afterDate: '24/11/2026' } });
		expect(result.error?.message).toContain('The "After Date" parameter must be an ISO 8601 date');
		expect(apiRequests()).toEqual([]);
	});
});

describe('Conversation → Reply', () => {
	it('sends from the conversation\'s number to its other party, without retyping either', async () => {
		const conversations = await run({ resource: 'conversation', operation: 'getMany', returnAll: true });
		const target = conversations.find((json) => json.endpointId === 'end-sales-line')!;
		simulator.clearRequests();

		const [sent] = await run({ resource: 'conversation', operation: 'reply', conversationId: byId('={{ $json.id }}'), text: 'On our way!' }, [
			{ id: target.id },
		]);

		expect(apiRequests().map((request) => `${request.method} ${request.rawPath}`)).toEqual(['GET /messages', 'POST /messages']);
		expect(apiRequests()[0].query).toMatchObject({ conversationIds: target.id, countPerPage: '1' });
		expect(sends()[0].body).toEqual({ endpointId: 'end-sales-line', toAddress: target.otherAddress, body: 'On our way!' });
		expect(sent).toMatchObject({ direction: 'Outgoing', endpointId: 'end-sales-line', otherAddress: target.otherAddress });
		expect(simulator.messaging.conversationIdOf(simulator.messaging.messages.at(-1)!)).toBe(target.id);
	});

	it('an unknown conversation fails with what to check, and nothing is sent', async () => {
		const result = await runNode({ resource: 'conversation', operation: 'reply', conversationId: byId('cnv-9999'), text: 'Hello' });
		expect(result.error?.message).toBe('Evo Voice has no message in conversation "cnv-9999" to reply to for item 0');
		expect(sends()).toHaveLength(0);
	});

	it('an empty text fails before any request', async () => {
		const result = await runNode({ resource: 'conversation', operation: 'reply', conversationId: byId('cnv-0001'), text: '={{ "" }}' });
		expect(result.error?.message).toContain('The "Text" parameter is required but is empty for item 0');
		expect(apiRequests()).toEqual([]);
	});
});

describe('the From and Conversation pickers', () => {
	const search = async (method: 'searchPhoneNumbers' | 'searchConversations', filter?: string) =>
		(await listSearch(method, filter, simulatorCredentialsHelper(simulator, MANAGER_USER))).results;

	it('lists the phone-number endpoints only (ListEndpoints type=PhoneNumber), by name and number', async () => {
		const results = await search('searchPhoneNumbers');
		expect(results.map((result) => result.value)).toEqual(expect.arrayContaining(['end-main-line', 'end-sales-line', 'end-fax-line']));
		expect(results.every((result) => String(result.value).startsWith('end-') && !['end-alex', 'end-support-team'].includes(String(result.value)))).toBe(true);
		expect(simulator.requests.find((request) => request.rawPath === '/endpoints')?.query).toMatchObject({ type: 'PhoneNumber' });
		expect((await search('searchPhoneNumbers', 'sales line')).map((result) => result.value)).toEqual(['end-sales-line']);
		expect((await search('searchPhoneNumbers', '+15555550102')).map((result) => result.value)).toEqual(['end-fax-line']);
	});

	it('a phone user without the Manager role gets Evo Voice\'s "Invalid Role" in the picker', async () => {
		await expect(listSearch('searchPhoneNumbers', undefined, simulatorCredentialsHelper(simulator))).rejects.toThrow('Invalid Role');
	});

	it('lists conversations by party, number name and last text', async () => {
		const results = await search('searchConversations', '+15555550163');
		expect(results.length).toBeGreaterThan(0);
		expect(results.every((result) => result.name.startsWith('+15555550163 · '))).toBe(true);
	});
});
