/**
 * The trigger's exactly-once guarantees, one defect of issue 8 per test: bad answers, races
 * between the poll's requests, odd records, Simplify off, Fetch Test Event, bursts and the
 * size of the state.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MAX_PAGES_PER_POLL, RECENT_PAGE_SIZE } from '../../nodes/EvoVoiceTrigger/EvoVoiceTrigger.node';
import { ALL_TRIGGER_EVENTS, createPoller, eventLines } from '../harness/poller';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { useSimulator } from '../harness/use-simulator';

jest.setTimeout(120_000);

const simulator = useSimulator();

function poller(parameters: INodeParameters = {}) {
	return createPoller({ events: ALL_TRIGGER_EVENTS, simplify: true, ...parameters }, simulatorCredentialsHelper(simulator));
}

const BAD_BODIES: Array<[string, string, string]> = [
	['an HTML page', '<html><body>Sign in</body></html>', 'text/html'],
	['truncated JSON', '{"sessions":[{"id":"ses-', 'application/json'],
	['an empty object', '{}', 'application/json'],
	['null sessions', '{"sessions":null,"items":null}', 'application/json'],
];

describe.each([
	['AppGetActiveSessions', '/portal/active-sessions'],
	['ListSessions', '/sessions'],
])('a 200 that is not a list of sessions, from %s', (_operation, rawPath) => {
	it.each(BAD_BODIES)('(%s) fails the poll, leaves the state, and the next poll reports once', async (_what, body, contentType) => {
		const call = simulator.addSession({ channel: 'Voice', callState: 'Ringing' });
		const trigger = poller({ options: { includeSessionsBetweenPolls: true } });
		await trigger.poll();
		const stateBefore = JSON.stringify(trigger.staticData());

		simulator.transition(call.id, 'end');
		const fresh = simulator.addSession({ channel: 'Chat' });
		simulator.interceptNext(rawPath, () => ({ body, contentType }));
		await expect(trigger.poll()).rejects.toMatchObject({ name: 'NodeApiError' });
		expect(JSON.stringify(trigger.staticData())).toBe(stateBefore);

		expect(eventLines(await trigger.poll()).sort()).toEqual([`sessionEnded ${call.id}`, `sessionStarted ${fresh.id}`].sort());
		expect(await trigger.poll()).toBeNull();
	});
});

describe('Evo Voice Trigger, exactly once', () => {
	it('a failing ListSessions (the second request) fails the poll instead of being swallowed', async () => {
		const trigger = poller({ options: { includeSessionsBetweenPolls: true } });
		await trigger.poll();
		const brief = simulator.addSession({ channel: 'Voice' });
		simulator.transition(brief.id, 'end');
		const stateBefore = JSON.stringify(trigger.staticData());

		simulator.interceptNext('/sessions', () => ({ status: 500, body: '{"responseStatus":{"message":"down"}}' }));
		await expect(trigger.poll()).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(JSON.stringify(trigger.staticData())).toBe(stateBefore);

		expect(eventLines(await trigger.poll())).toEqual([`sessionStarted ${brief.id}`, `sessionEnded ${brief.id}`]);
	});

	it('a session created between AppGetActiveSessions and ListSessions is started once, and tracked', async () => {
		const trigger = poller({ options: { includeSessionsBetweenPolls: true } });
		await trigger.poll();
		let racer = '';
		simulator.interceptNext('/sessions', () => {
			racer = simulator.addSession({ channel: 'Voice', callState: 'Ringing' }).id;
		});

		expect(eventLines(await trigger.poll())).toEqual([`sessionStarted ${racer}`]);
		expect(await trigger.poll()).toBeNull();
		simulator.transition(racer, 'connect');
		expect(eventLines(await trigger.poll())).toEqual([`sessionChanged ${racer}`]);
		simulator.transition(racer, 'end');
		expect(eventLines(await trigger.poll())).toEqual([`sessionEnded ${racer}`]);
	});

	it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('a live session with id %s is tracked like any other', async (id) => {
		const trigger = poller();
		await trigger.poll();
		simulator.addSession({ id, channel: 'Voice', callState: 'Ringing' });

		expect(eventLines(await trigger.poll())).toEqual([`sessionStarted ${id}`]);
		expect(await trigger.poll()).toBeNull();
		simulator.transition(id, 'end');
		expect(eventLines(await trigger.poll())).toEqual([`sessionEnded ${id}`]);
		expect(await trigger.poll()).toBeNull();
	});

	it('skips records without a usable id or dateCreated, in polls and in Fetch Test Event', async () => {
		const trigger = poller({ options: { includeSessionsBetweenPolls: true } });
		await trigger.poll();
		const live = [...simulator.sessions.values()].filter((session) => !session.ended);
		const odd = [
			{ ...live[0], id: null },
			{ ...live[0], id: 'ses-no-date', dateCreated: null },
		];
		const answer = () => ({ body: JSON.stringify({ sessions: [...odd, ...live] }) });

		simulator.interceptNext('/portal/active-sessions', answer);
		expect(await trigger.poll()).toBeNull();
		simulator.interceptNext('/portal/active-sessions', answer);
		const samples = await trigger.poll('manual');
		expect(eventLines(samples).every((line) => !line.endsWith(' null') && !line.endsWith('ses-no-date'))).toBe(true);
	});

	it('with Simplify off, Session Ended carries the full final record, not a stored snapshot', async () => {
		const call = simulator.addSession({ channel: 'Voice', callState: 'Connected' });
		const trigger = poller({ simplify: false, events: ['sessionEnded'] });
		await trigger.poll();

		simulator.transition(call.id, 'end');
		const [ended] = (await trigger.poll()) ?? [];

		expect(ended.json).toMatchObject({
			event: 'sessionEnded',
			id: call.id,
			ended: true,
			callState: 'Disconnected',
			dateCompleted: simulator.sessions.get(call.id)!.dateCompleted,
			finalRecord: true,
		});
		expect(ended.json.members).toBeDefined();
	});

	it('says so when no final record can be had, instead of sending stale values', async () => {
		const call = simulator.addSession({ channel: 'Voice', callState: 'Connected' });
		const trigger = poller();
		await trigger.poll();

		simulator.sessions.delete(call.id);
		const items = await trigger.poll();

		expect(items?.map((item) => item.json)).toEqual([{ event: 'sessionEnded', id: call.id, ended: true, finalRecord: false }]);
	});

	it('reports an ended session that is still listed as ended once, and not again when it leaves', async () => {
		const call = simulator.addSession({ channel: 'Voice', callState: 'Connected' });
		const trigger = poller();
		await trigger.poll();
		const listedEnded = () => {
			const live = [...simulator.sessions.values()].filter((session) => !session.ended || session.id === call.id);
			return { body: JSON.stringify({ sessions: live }) };
		};

		simulator.transition(call.id, 'end');
		simulator.interceptNext('/portal/active-sessions', listedEnded);
		expect(eventLines(await trigger.poll())).toEqual([`sessionEnded ${call.id}`]);
		simulator.interceptNext('/portal/active-sessions', listedEnded);
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
	});

	it('Fetch Test Event returns samples shaped like the selected events', async () => {
		const changed = await poller({ events: ['sessionChanged'] }).poll('manual');
		expect(changed?.length).toBeGreaterThan(0);
		for (const sample of changed ?? []) {
			expect(sample.json).toMatchObject({ event: 'sessionChanged', changes: expect.any(Object) });
		}

		const ended = await poller({ events: ['sessionEnded'] }).poll('manual');
		expect(ended?.length).toBeGreaterThan(0);
		for (const sample of ended ?? []) expect(sample.json).toMatchObject({ event: 'sessionEnded', ended: true });
	});

	it('reads a burst larger than one poll reads over the next polls, each session once, and says so', async () => {
		const trigger = poller({ options: { includeSessionsBetweenPolls: true } });
		await trigger.poll();
		const burst = MAX_PAGES_PER_POLL * RECENT_PAGE_SIZE + 150;
		for (let index = 0; index < burst; index++) {
			const brief = simulator.addSession({ channel: 'Chat' });
			simulator.transition(brief.id, 'end');
		}

		const reported: string[] = [];
		for (let poll = 0; poll < 4; poll++) reported.push(...eventLines(await trigger.poll()));

		const expected = simulator.history.map(({ event, id }) => `session${event === 'started' ? 'Started' : 'Ended'} ${id}`);
		expect(reported.sort()).toEqual(expected.slice(-2 * burst).sort());
		expect((trigger.staticData().state as IDataObject).carried).toBeUndefined();
	});

	it('keeps well under 100 bytes per live session, and leaves the state alone when nothing changed', async () => {
		const trigger = poller();
		await trigger.poll();
		for (let index = 0; index < 500; index++) simulator.addSession({ channel: 'Voice', callState: 'Connected' });
		await trigger.poll();
		const live = [...simulator.sessions.values()].filter((session) => !session.ended).length;
		const bytes = JSON.stringify(trigger.staticData()).length;
		expect(bytes / live).toBeLessThan(100);

		const state = trigger.staticData().state;
		expect(await trigger.poll()).toBeNull();
		// The very same object: n8n's static data was not written to.
		expect(trigger.staticData().state).toBe(state);
	});
});
