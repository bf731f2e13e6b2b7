/**
 * 250 polls of the trigger against a simulator whose sessions move through their life at
 * random between polls, with failed polls (an error or a 200 that is not a list, on either
 * request), expired sign-ins, sessions created between a poll's two requests, ended sessions
 * still listed, odd ids and a burst larger than one poll reads mixed in. An oracle computed
 * from the simulator's own state says which events each successful poll must report, and the
 * simulator's history says every start and end was reported exactly once over the run.
 */

import type { SessionInfo } from '../../nodes/EvoVoice/transport/dto';
import { MAX_PAGES_PER_POLL, RECENT_PAGE_SIZE } from '../../nodes/EvoVoiceTrigger/EvoVoiceTrigger.node';
import { createPoller } from '../harness/poller';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import type { LifecycleStep, Simulator } from '../simulator/server';
import { startSimulator } from '../simulator/server';

const POLLS = 250;
/** Each seed with Simplify on or off. */
const SEEDS: Array<[number, boolean]> = [
	[7, true],
	[2026, false],
];
const ODD_IDS = ['constructor', '__proto__', 'toString', 'valueOf'];
const BAD_ANSWERS = [
	{ body: '<html>Sign in</html>', contentType: 'text/html' },
	{ body: '{"sessions":[{"id":', contentType: 'application/json' },
	{ body: '{}', contentType: 'application/json' },
	{ body: '{"sessions":null,"items":null}', contentType: 'application/json' },
	{ status: 500, body: '{"responseStatus":{"message":"Internal error"}}' },
];

jest.setTimeout(300_000);

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
		mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
	};
}

/** The oracle's own reading of what a Session Changed compares. */
function observed(session: SessionInfo): Record<string, string> {
	const fields: Record<string, string> = {
		callState: session.callState,
		queueState: session.queueState,
		dialState: session.dialState,
		holdReason: session.holdReason,
		conferenceSid: session.conferenceSid,
	};
	for (const member of session.members) fields[`members.${member.callSid || member.identity}.callState`] = member.callState;
	return fields;
}

interface Snapshot {
	live: Map<string, Record<string, string>>;
	allIds: Set<string>;
}

function snapshot(simulator: Simulator): Snapshot {
	const live = new Map<string, Record<string, string>>();
	for (const session of simulator.sessions.values()) if (!session.ended) live.set(session.id, observed(session));
	return { live, allIds: new Set(simulator.sessions.keys()) };
}

/** What a successful poll must report, as `event id` lines with the changes of each change. */
function expectedEvents(before: Snapshot, simulator: Simulator) {
	const events: string[] = [];
	const changes: Record<string, Record<string, string | null>> = {};
	for (const session of simulator.sessions.values()) {
		const previous = before.live.get(session.id);
		if (!session.ended && !previous) events.push(`sessionStarted ${session.id}`);
		if (!session.ended && previous) {
			const now = observed(session);
			const changed: Record<string, string | null> = {};
			for (const key of new Set([...Object.keys(previous), ...Object.keys(now)])) {
				if (previous[key] !== now[key]) changed[key] = previous[key] ?? null;
			}
			if (Object.keys(changed).length > 0) {
				events.push(`sessionChanged ${session.id}`);
				changes[session.id] = changed;
			}
		}
		if (session.ended && previous) events.push(`sessionEnded ${session.id}`);
		if (session.ended && !previous && !before.allIds.has(session.id)) {
			events.push(`sessionStarted ${session.id}`, `sessionEnded ${session.id}`);
		}
	}
	return { events: events.sort(), changes };
}

let simulator: Simulator;

beforeAll(async () => {
	simulator = await startSimulator({ port: 0 });
});

afterAll(async () => {
	await simulator.close();
});

describe.each(SEEDS)('randomized polling, seed %i, simplify %s', (seed, simplify) => {
	it(`reports every start, change and end exactly once over ${POLLS} polls`, async () => {
		simulator.reset();
		const next = random(seed);
		const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)];
		const trigger = createPoller(
			{
				events: ['sessionStarted', 'sessionChanged', 'sessionEnded'],
				simplify,
				options: { includeSessionsBetweenPolls: true },
			},
			simulatorCredentialsHelper(simulator),
		);

		expect(await trigger.poll()).toBeNull();
		let lastGood = snapshot(simulator);
		const reported: string[] = [];
		let failedPolls = 0;
		let largestState = 0;

		const oddIds = [...ODD_IDS];
		let catchingUp = false;
		for (let poll = 1; poll <= POLLS; poll++) {
			for (let step = Math.floor(next() * 4); step > 0; step--) {
				const live = [...simulator.sessions.values()].filter((session) => !session.ended);
				const roll = next();
				if (roll < 0.25 || live.length === 0) {
					simulator.addSession({ channel: pick(['Voice', 'Chat'] as const), callState: 'Ringing' });
				} else if (roll < 0.35) {
					const brief = simulator.addSession({ channel: 'Voice', callState: 'Ringing' });
					simulator.transition(brief.id, 'end');
				} else {
					const steps: LifecycleStep[] = ['ring', 'connect', 'hold', 'conference', 'end', 'end'];
					simulator.transition(pick(live).id, pick(steps));
				}
			}
			// Ids a plain object would resolve on its prototype, one every ten polls early on.
			if (poll % 10 === 0 && oddIds.length > 0) simulator.addSession({ id: oddIds.shift(), channel: 'Voice' });
			if (poll === POLLS / 2) {
				// A burst of calls that come and go, more than one poll reads: caught up over the next polls.
				for (let index = 0; index < MAX_PAGES_PER_POLL * RECENT_PAGE_SIZE + 50; index++) {
					simulator.transition(simulator.addSession({ channel: 'Chat' }).id, 'end');
				}
				catchingUp = true;
			}
			if (next() < 0.03) simulator.expireSignIns();
			// Decided first: a failing poll gets no other interception, so its failure is the one answered.
			const fails = next() < 0.12;
			if (!fails && next() < 0.1) {
				// A session that starts while the poll is between AppGetActiveSessions and ListSessions.
				simulator.interceptNext('/sessions', () => void simulator.addSession({ channel: 'Voice', callState: 'Ringing' }));
			}
			const endedNow = new Set(
				[...simulator.sessions.values()].filter((session) => session.ended && lastGood.live.has(session.id)).map((session) => session.id),
			);
			if (!fails && endedNow.size > 0 && next() < 0.2) {
				// Evo Voice may still list a session that just ended (with ended: true).
				simulator.interceptNext('/portal/active-sessions', () => ({
					body: JSON.stringify({
						sessions: [...simulator.sessions.values()].filter((session) => !session.ended || endedNow.has(session.id)),
					}),
				}));
			}
			if (fails) {
				// A 500: a gateway's 502–504 is sent again by a read, and would not fail the poll.
				if (next() < 0.5) simulator.failNext(1, 500);
				else simulator.interceptNext(pick(['/portal/active-sessions', '/sessions']), () => pick(BAD_ANSWERS));
				const stateBefore = JSON.stringify(trigger.staticData());
				await expect(trigger.poll()).rejects.toMatchObject({ name: 'NodeApiError' });
				expect(JSON.stringify(trigger.staticData())).toBe(stateBefore);
				failedPolls++;
				continue;
			}

			const items = (await trigger.poll()) ?? [];
			const actual = items.map((item) => `${String(item.json.event)} ${String(item.json.id)}`).sort();
			reported.push(...actual);
			for (const item of items.filter((candidate) => candidate.json.event === 'sessionEnded')) {
				expect(item.json).toMatchObject({ ended: true, finalRecord: true });
				expect('members' in item.json).toBe(!simplify);
			}
			const state = trigger.staticData().state as { live: Array<[string, string]>; resumePage?: number };
			if (catchingUp) {
				// While the burst is read, events spread over polls: the whole-run check below covers them.
				catchingUp = state.resumePage !== undefined;
				lastGood = snapshot(simulator);
				continue;
			}
			const expected = expectedEvents(lastGood, simulator);
			expect({ poll, events: actual }).toEqual({ poll, events: expected.events });
			for (const item of items.filter((candidate) => candidate.json.event === 'sessionChanged')) {
				expect(item.json.changes).toEqual(expected.changes[String(item.json.id)]);
			}
			lastGood = snapshot(simulator);

			// Tracked: the live sessions, and any ended one still listed (its code starts with E).
			const tracked = state.live.filter(([, code]) => !code.startsWith('E')).map(([id]) => id);
			expect(tracked.sort()).toEqual([...lastGood.live.keys()].sort());
			const size = JSON.stringify(trigger.staticData()).length;
			largestState = Math.max(largestState, size);
			expect(size).toBeLessThan(200 + 100 * lastGood.live.size);
		}

		// Good polls until nothing is left to read, so the run's tail is reported too.
		for (let poll = 0; poll < 5; poll++) {
			reported.push(...((await trigger.poll()) ?? []).map((item) => `${String(item.json.event)} ${String(item.json.id)}`));
		}
		// Over the whole run: every start and end in the simulator's history reported exactly once.
		const history = simulator.history.map(({ event, id }) => `session${event === 'started' ? 'Started' : 'Ended'} ${id}`);
		const lifecycle = reported.filter((line) => !line.startsWith('sessionChanged'));
		expect(lifecycle.sort()).toEqual(history.sort());
		expect(oddIds).toEqual([]);
		expect(failedPolls).toBeGreaterThan(10);
		expect(history.length).toBeGreaterThan(1000);
		expect(largestState).toBeGreaterThan(0);
	});
});
