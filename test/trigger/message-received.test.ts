/**
 * The trigger's Message Received event: each inbound SMS once, across unchanged polls, restarts,
 * bursts over a page and beyond one poll, equal timestamps and failed polls; Fetch Test Event.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MAX_MESSAGE_PAGES_PER_POLL, MESSAGE_PAGE_SIZE } from '../../nodes/EvoVoiceTrigger/messageEvents';
import { createPoller } from '../harness/poller';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { useSimulator } from '../harness/use-simulator';

jest.setTimeout(120_000);

const simulator = useSimulator();

function poller(parameters: INodeParameters = {}) {
	return createPoller({ events: ['messageReceived'], ...parameters }, simulatorCredentialsHelper(simulator));
}

const ids = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((item) => String(item.json.id));
const messageRequests = () => simulator.requests.filter((request) => request.rawPath === '/messages');

describe('Message Received', () => {
	it('the first poll is the baseline; a new inbound SMS is reported once, with the message as the item', async () => {
		const trigger = poller();
		expect(await trigger.poll()).toBeNull();

		const inbound = simulator.messaging.receive({ from: '+15555550142', text: 'Is my order ready?' });
		const items = await trigger.poll();
		expect(items?.map((item) => item.json)).toEqual([{ event: 'messageReceived', ...inbound }]);
		expect(await trigger.poll()).toBeNull();
	});

	it('polls only ListMessages when only this event is selected, oldest first from just before the cursor', async () => {
		const trigger = poller();
		await trigger.poll();
		simulator.clearRequests();
		const inbound = simulator.messaging.receive();
		await trigger.poll();

		const api = simulator.requests.filter((request) => !request.rawPath.startsWith('/auth/'));
		expect(api.map((request) => request.rawPath)).toEqual(['/messages']);
		const cursorDate = simulator.messaging.messages.filter((message) => message.id !== inbound.id).at(-1)!.date;
		expect(api[0].query).toEqual({
			sortField: 'Date',
			sortOrder: 'Ascend',
			page: '0',
			countPerPage: String(MESSAGE_PAGE_SIZE),
			simplifiedPaging: 'true',
			afterDate: new Date(Date.parse(cursorDate) - 1000).toISOString(),
		});
	});

	it('reports inbound messages only: a text sent from a number does not start the workflow', async () => {
		const trigger = poller();
		await trigger.poll();
		simulator.messaging.addMessages(4, { direction: 'Outgoing' });
		const inbound = simulator.messaging.receive();
		expect(ids(await trigger.poll())).toEqual([inbound.id]);
	});

	it('across a restart, what arrived while n8n was down is reported once at the first poll back', async () => {
		const before = poller();
		await before.poll();
		const first = simulator.messaging.receive();
		expect(ids(await before.poll())).toEqual([first.id]);

		const whileDown = [simulator.messaging.receive(), simulator.messaging.receive()];
		const after = poller();
		Object.assign(after.staticData(), JSON.parse(JSON.stringify(before.staticData())) as IDataObject);
		expect(ids(await after.poll())).toEqual(whileDown.map((message) => message.id));
		expect(await after.poll()).toBeNull();
	});

	it('a burst of more than a page is read page by page in one poll, each message once, oldest first', async () => {
		const trigger = poller();
		await trigger.poll();
		const burst = simulator.messaging.addMessages(3 * MESSAGE_PAGE_SIZE + 17);
		const inbound = burst.filter((message) => message.direction === 'Incoming');

		expect(ids(await trigger.poll())).toEqual(inbound.map((message) => message.id));
		expect(await trigger.poll()).toBeNull();
	});

	it('a burst beyond one poll\'s pages is read on at the next poll, nothing twice, nothing lost', async () => {
		const trigger = poller();
		await trigger.poll();
		const burst = simulator.messaging.addMessages(MAX_MESSAGE_PAGES_PER_POLL * MESSAGE_PAGE_SIZE + 250, { direction: 'Incoming' });

		const first = ids(await trigger.poll());
		expect(first.length).toBeLessThan(burst.length);
		const second = ids(await trigger.poll());
		expect([...first, ...second]).toEqual(burst.map((message) => message.id));
		expect(await trigger.poll()).toBeNull();
	});

	it('messages with the same timestamp, over a page boundary and arriving in different polls, are each reported once', async () => {
		const trigger = poller();
		await trigger.poll();
		const instant = '2026-11-24T09:30:00.000Z';
		const sameInstant = simulator.messaging.addMessages(MESSAGE_PAGE_SIZE + 30, { direction: 'Incoming', date: instant });
		expect(ids(await trigger.poll())).toEqual(sameInstant.map((message) => message.id));

		const late = simulator.messaging.receive({ date: instant });
		expect(ids(await trigger.poll())).toEqual([late.id]);
		expect(await trigger.poll()).toBeNull();
	});

	it.each([
		['a 500', { status: 500, body: '{"responseStatus":{"message":"down"}}' }],
		['an HTML page', { body: '<html>Sign in</html>', contentType: 'text/html' }],
		['a body without items', { body: '{}' }],
	])('%s from ListMessages fails the poll, keeps the cursor, and the next poll reports once', async (_case, answer) => {
		const trigger = poller();
		await trigger.poll();
		const inbound = simulator.messaging.receive();
		const before = JSON.stringify(trigger.staticData());

		simulator.interceptNext('/messages', () => answer);
		await expect(trigger.poll()).rejects.toMatchObject({ name: 'NodeApiError' });
		expect(JSON.stringify(trigger.staticData())).toBe(before);

		expect(ids(await trigger.poll())).toEqual([inbound.id]);
		expect(await trigger.poll()).toBeNull();
	});

	it('beside the session events: both are reported, and a failing session read does not lose a message', async () => {
		const trigger = poller({ events: ['sessionStarted', 'messageReceived'] });
		await trigger.poll();
		const inbound = simulator.messaging.receive();
		const call = simulator.addSession({ channel: 'Voice' });

		simulator.interceptNext('/portal/active-sessions', () => ({ status: 500, body: '{"responseStatus":{"message":"down"}}' }));
		await expect(trigger.poll()).rejects.toMatchObject({ name: 'NodeApiError' });

		const items = await trigger.poll();
		expect(items?.map((item) => `${String(item.json.event)} ${String(item.json.id)}`)).toEqual([
			`sessionStarted ${call.id}`,
			`messageReceived ${inbound.id}`,
		]);
		expect(await trigger.poll()).toBeNull();
	});

	it('the Receiving Phone Numbers filter is sent to Evo Voice and keeps other numbers\' texts out', async () => {
		const trigger = poller({ filters: { phoneNumberIds: 'end-sales-line, ' } });
		await trigger.poll();
		simulator.messaging.receive({ endpointId: 'end-main-line' });
		const sales = simulator.messaging.receive({ endpointId: 'end-sales-line' });

		expect(ids(await trigger.poll())).toEqual([sales.id]);
		expect(messageRequests().every((request) => request.query.endpointIds === 'end-sales-line')).toBe(true);
	});

	it('with no message at all at the baseline, the first message after it is reported', async () => {
		simulator.messaging.messages.length = 0;
		const trigger = poller();
		expect(await trigger.poll()).toBeNull();
		const inbound = simulator.messaging.receive();
		expect(ids(await trigger.poll())).toEqual([inbound.id]);
		expect(messageRequests().at(-1)?.query.afterDate).toBeUndefined();
	});

	it('state is small: the newest date and the ids at it, written only when it changed', async () => {
		const trigger = poller();
		await trigger.poll();
		const state = JSON.stringify(trigger.staticData());
		expect(trigger.staticData().messages).toEqual({ v: 1, date: expect.any(String), ids: [expect.any(String)] });
		await trigger.poll();
		expect(JSON.stringify(trigger.staticData())).toBe(state);
	});
});

describe('Message Received, Fetch Test Event', () => {
	it('shows the newest real inbound message and leaves the cursor alone', async () => {
		const trigger = poller();
		await trigger.poll();
		const state = JSON.stringify(trigger.staticData());
		const inbound = simulator.messaging.receive({ text: 'Test me' });
		simulator.messaging.addMessages(2, { direction: 'Outgoing' });

		const items = await trigger.poll('manual');
		expect(items?.map((item) => item.json)).toEqual([{ event: 'messageReceived', ...inbound }]);
		expect(JSON.stringify(trigger.staticData())).toBe(state);
		expect(ids(await trigger.poll())).toEqual([inbound.id]);
	});

	it('says when there is no inbound message to show', async () => {
		simulator.messaging.messages.length = 0;
		await expect(poller().poll('manual')).rejects.toThrow('Evo Voice has no received SMS to show yet');
	});
});
