/**
 * The poll budget n8n gives each poll (getPollBudgetMs): a poll whose budget is spent starts no
 * more ListSessions requests, and what it did not read is read at the next poll, each session
 * reported once. "Time passes" is a budget of 0: the poll's time is spent before it starts.
 */
import { FINAL_RECORDS_PER_REQUEST, MAX_PAGES_PER_POLL, RECENT_PAGE_SIZE } from '../../nodes/EvoVoiceTrigger/EvoVoiceTrigger.node';
import { ALL_TRIGGER_EVENTS, createPoller, eventLines } from '../harness/poller';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { useSimulator } from '../harness/use-simulator';

jest.setTimeout(120_000);

const simulator = useSimulator();
/** Far more than any poll here needs, so only a budget of 0 stops one. */
const AMPLE_BUDGET_MS = 600_000;

/** A trigger polled with the budget `budget.ms` says at each poll. */
function budgetedPoller(includeSessionsBetweenPolls: boolean) {
	const budget = { ms: AMPLE_BUDGET_MS };
	const trigger = createPoller(
		{ events: ALL_TRIGGER_EVENTS, simplify: true, options: { includeSessionsBetweenPolls } },
		simulatorCredentialsHelper(simulator),
		{ pollBudgetMs: () => budget.ms },
	);
	return { trigger, budget };
}

/** The ListSessions pages asked for since the requests were last cleared, in order. */
const listedPages = () => simulator.requests.filter((request) => request.rawPath === '/sessions').map((request) => request.query.page);

describe('Evo Voice Trigger, poll budget', () => {
	it('a spent budget reads no ListSessions page; the next poll reads on from the page where reading stopped, each session once', async () => {
		const { trigger, budget } = budgetedPoller(true);
		await trigger.poll();
		// More than one poll reads: the first stops after its last page, with the rest still to read.
		const burst = Array.from(
			{ length: MAX_PAGES_PER_POLL * RECENT_PAGE_SIZE + 150 },
			() => simulator.transition(simulator.addSession({ channel: 'Chat' }).id, 'end').id,
		);
		const reported = eventLines(await trigger.poll());
		expect(trigger.staticData().state).toMatchObject({ resumePage: MAX_PAGES_PER_POLL });

		budget.ms = 0;
		simulator.clearRequests();
		expect(await trigger.poll()).toBeNull();
		expect(listedPages()).toEqual([]);
		expect(trigger.staticData().state).toMatchObject({ resumePage: MAX_PAGES_PER_POLL });

		budget.ms = AMPLE_BUDGET_MS;
		simulator.clearRequests();
		reported.push(...eventLines(await trigger.poll()));
		expect(listedPages()[0]).toBe(String(MAX_PAGES_PER_POLL));
		expect(reported.sort()).toEqual(burst.flatMap((id) => [`sessionStarted ${id}`, `sessionEnded ${id}`]).sort());
		expect(trigger.staticData().state).not.toHaveProperty('resumePage');
		expect(await trigger.poll()).toBeNull();
		const stillToRead = `warn: Evo Voice Trigger: more sessions started between polls than one poll reads; the rest is read from ListSessions page ${MAX_PAGES_PER_POLL} at the next poll`;
		expect(trigger.logged).toEqual([stillToRead, stillToRead]);
	});

	it('Include Sessions Between Polls switched on in a poll with its budget spent takes its cursor at the next poll, reporting nothing older', async () => {
		const { trigger, budget } = budgetedPoller(false);
		await trigger.poll();
		// Newer than every live session: a cursor taken from the live list alone would count it as new.
		const beforeSwitch = simulator.addSession({ channel: 'Voice' });
		simulator.transition(beforeSwitch.id, 'end');
		trigger.setParameters({ events: ALL_TRIGGER_EVENTS, simplify: true, options: { includeSessionsBetweenPolls: true } });

		budget.ms = 0;
		expect(await trigger.poll()).toBeNull();
		budget.ms = AMPLE_BUDGET_MS;
		expect(await trigger.poll()).toBeNull();

		const afterSwitch = simulator.addSession({ channel: 'Chat' });
		simulator.transition(afterSwitch.id, 'end');
		expect(eventLines(await trigger.poll())).toEqual([`sessionStarted ${afterSwitch.id}`, `sessionEnded ${afterSwitch.id}`]);
	});

	describe('final records of sessions that left the live list', () => {
		it('with the budget spent, are looked up and reported at the next poll, not dropped', async () => {
			const { trigger, budget } = budgetedPoller(false);
			await trigger.poll();
			// Oldest first, as a poll reports them.
			const ended = ['ses-0005', 'ses-0003', 'ses-0001'];
			for (const id of ended) simulator.transition(id, 'end');

			budget.ms = 0;
			expect(await trigger.poll()).toBeNull();
			const tracked = (trigger.staticData().state as { live: Array<[string, string]> }).live.map(([id]) => id);
			expect(tracked).toEqual(expect.arrayContaining(ended));

			budget.ms = AMPLE_BUDGET_MS;
			const items = await trigger.poll();
			expect(eventLines(items)).toEqual(ended.map((id) => `sessionEnded ${id}`));
			for (const item of items ?? []) expect(item.json).toMatchObject({ callState: 'Disconnected', finalRecord: true });
			expect(await trigger.poll()).toBeNull();
		});

		it('beyond the requests one poll may make, the rest are reported at the next poll', async () => {
			const { trigger } = budgetedPoller(false);
			const lookedUpAtOnce = MAX_PAGES_PER_POLL * FINAL_RECORDS_PER_REQUEST;
			const calls = Array.from({ length: lookedUpAtOnce + 20 }, () => simulator.addSession({ channel: 'Voice', callState: 'Connected' }).id);
			await trigger.poll();
			for (const id of calls) simulator.transition(id, 'end');

			const first = await trigger.poll();
			expect(first).toHaveLength(lookedUpAtOnce);
			const second = await trigger.poll();
			expect(second).toHaveLength(20);

			const reported = [...(first ?? []), ...(second ?? [])];
			expect(eventLines(reported).sort()).toEqual(calls.map((id) => `sessionEnded ${id}`).sort());
			for (const item of reported) expect(item.json).toMatchObject({ finalRecord: true });
			expect(await trigger.poll()).toBeNull();
		});
	});
});
