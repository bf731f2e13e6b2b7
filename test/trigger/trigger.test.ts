import type { INodeParameters } from 'n8n-workflow';

import { ALL_TRIGGER_EVENTS, createPoller, eventLines } from '../harness/poller';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { useSimulator } from '../harness/use-simulator';

jest.setTimeout(60_000);

const simulator = useSimulator();

function poller(parameters: INodeParameters = {}) {
	return createPoller({ events: ALL_TRIGGER_EVENTS, simplify: true, ...parameters }, simulatorCredentialsHelper(simulator));
}

function apiRequests() {
	return simulator.requests.filter((request) => !request.rawPath.startsWith('/auth/'));
}

describe('Evo Voice Trigger', () => {
	it('records a baseline on the first poll, then reports a new session once', async () => {
		const trigger = poller();

		expect(await trigger.poll()).toBeNull();
		const call = simulator.addSession({ channel: 'Voice', callState: 'Ringing' });
		const items = await trigger.poll();

		expect(eventLines(items)).toEqual([`sessionStarted ${call.id}`]);
		expect(items?.[0].json).toMatchObject({ event: 'sessionStarted', id: call.id, callState: 'Ringing' });
		expect(await trigger.poll()).toBeNull();
	});

	it('reports a change with the previous value of each changed field', async () => {
		const call = simulator.addSession({ channel: 'Voice', callState: 'Ringing' });
		const trigger = poller({ events: ['sessionChanged'] });
		await trigger.poll();

		simulator.transition(call.id, 'connect');
		const items = await trigger.poll();

		expect(eventLines(items)).toEqual([`sessionChanged ${call.id}`]);
		expect(items?.[0].json.changes).toEqual({
			callState: 'Ringing',
			queueState: 'Queued',
			[`members.${call.members[0].callSid}.callState`]: 'Ringing',
		});
	});

	it('reports a conference as a change, with the new member as previously absent', async () => {
		const call = simulator.addSession({ channel: 'Voice', callState: 'Connected' });
		const trigger = poller({ events: ['sessionChanged'] });
		await trigger.poll();

		const updated = simulator.transition(call.id, 'conference');
		const items = await trigger.poll();

		const added = updated.members[updated.members.length - 1];
		expect(items?.[0].json.changes).toEqual({ conferenceSid: '', [`members.${added.callSid}.callState`]: null });
	});

	it('reports a member who left a conference as a change, counted since only a hash of its call was kept', async () => {
		const call = simulator.addSession({ channel: 'Voice', callState: 'Connected' });
		simulator.transition(call.id, 'conference');
		const trigger = poller({ events: ['sessionChanged'] });
		await trigger.poll();

		// The member dialled into the conference hangs up and leaves it.
		call.members = call.members.filter((member) => member.role !== 'Transfer');
		const items = await trigger.poll();

		expect(eventLines(items)).toEqual([`sessionChanged ${call.id}`]);
		expect(items?.[0].json.changes).toEqual({ membersLeft: '1' });
	});

	it('reports a session that left the live list as ended, with its final record (ListSessions by id)', async () => {
		const call = simulator.addSession({ channel: 'Voice', callState: 'Connected', fromName: 'Ada Caller' });
		const trigger = poller();
		await trigger.poll();

		simulator.transition(call.id, 'end');
		const items = await trigger.poll();

		expect(eventLines(items)).toEqual([`sessionEnded ${call.id}`]);
		expect(items?.[0].json).toMatchObject({ id: call.id, fromName: 'Ada Caller', ended: true, callState: 'Disconnected', finalRecord: true });
		expect(await trigger.poll()).toBeNull();
	});

	it('sends one request per poll and keeps only the live sessions in its state', async () => {
		const trigger = poller();
		await trigger.poll();
		simulator.clearRequests();

		await trigger.poll();

		expect(apiRequests().map((request) => `${request.method} ${request.rawPath}`)).toEqual([
			'GET /portal/active-sessions',
		]);
		const live = [...simulator.sessions.values()].filter((session) => !session.ended).map((session) => session.id);
		const state = trigger.staticData().state as { live: Array<[string, string]> };
		expect(state.live.map(([id]) => id)).toEqual(live.sort());
	});

	it('applies the filters: account and customer on the request, channels on the result', async () => {
		const trigger = poller({ filters: { accountId: 'acc-contoso', customerId: 'cus-contoso-emea', channels: ['Chat'] } });
		await trigger.poll();
		simulator.addSession({ accountId: 'acc-contoso', customerId: 'cus-contoso-emea', channel: 'Voice' });
		const chat = simulator.addSession({ accountId: 'acc-contoso', customerId: 'cus-contoso-emea', channel: 'Chat' });
		simulator.addSession({ accountId: 'acc-northwind', channel: 'Chat' });

		const items = await trigger.poll();

		expect(eventLines(items)).toEqual([`sessionStarted ${chat.id}`]);
		expect(apiRequests().at(-1)?.query).toEqual({ accountId: 'acc-contoso', customerId: 'cus-contoso-emea' });
	});

	it('returns samples in manual mode and leaves the polling state alone', async () => {
		const trigger = poller({ events: ['sessionStarted'] });

		const samples = await trigger.poll('manual');

		expect(samples?.length).toBe(5);
		expect(samples?.[0].json).toMatchObject({ event: 'sessionStarted' });
		expect(trigger.staticData()).toEqual({});
		expect(await trigger.poll()).toBeNull();
	});

	it('after failed polls, reports what happened in between once', async () => {
		const call = simulator.addSession({ channel: 'Voice', callState: 'Ringing' });
		const trigger = poller();
		await trigger.poll();
		const stateBefore = JSON.stringify(trigger.staticData());

		simulator.transition(call.id, 'connect');
		const fresh = simulator.addSession({ channel: 'Chat' });
		simulator.failNext(1, 500);
		await expect(trigger.poll()).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(JSON.stringify(trigger.staticData())).toBe(stateBefore);

		const items = await trigger.poll();

		expect(eventLines(items).sort()).toEqual([`sessionChanged ${call.id}`, `sessionStarted ${fresh.id}`].sort());
		expect(await trigger.poll()).toBeNull();
	});

	it('signs in again when the session expired between polls', async () => {
		const trigger = poller();
		await trigger.poll();
		simulator.expireSignIns();
		const call = simulator.addSession({ channel: 'Voice' });

		expect(eventLines(await trigger.poll())).toEqual([`sessionStarted ${call.id}`]);
	});

	describe('Include Sessions Between Polls', () => {
		it('reports a session that started and ended between two polls, which the live list never shows', async () => {
			const trigger = poller({ options: { includeSessionsBetweenPolls: true } });
			await trigger.poll();
			const brief = simulator.addSession({ channel: 'Voice', callState: 'Ringing' });
			simulator.transition(brief.id, 'end');

			const items = await trigger.poll();

			expect(eventLines(items)).toEqual([`sessionStarted ${brief.id}`, `sessionEnded ${brief.id}`]);
			expect(items?.[1].json).toMatchObject({ ended: true, callState: 'Disconnected' });
			expect(await trigger.poll()).toBeNull();
		});

		it('asks ListSessions newest first, from the day before the newest session it knows', async () => {
			const trigger = poller({ options: { includeSessionsBetweenPolls: true } });
			await trigger.poll();
			simulator.clearRequests();

			await trigger.poll();

			const list = apiRequests().find((request) => request.rawPath === '/sessions');
			expect(list?.query).toMatchObject({
				sortField: 'DateCreated',
				sortOrder: 'Descend',
				countPerPage: '100',
				page: '0',
				startDate: '2026-11-23',
			});
		});

		it('without it, such a session is missed', async () => {
			const trigger = poller();
			await trigger.poll();
			const brief = simulator.addSession({ channel: 'Voice' });
			simulator.transition(brief.id, 'end');

			expect(await trigger.poll()).toBeNull();
		});
	});
});
