/**
 * 250 polls of the trigger against a simulator whose sessions move through their life at
 * random between polls, with failed polls and expired sign-ins mixed in. An oracle computed
 * from the simulator's own state says which events each successful poll must report.
 */
import type { IDataObject } from 'n8n-workflow';

import type { SessionInfo } from '../../nodes/EvoVoice/transport/dto';
import { createPoller } from '../harness/poller';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import type { LifecycleStep, Simulator } from '../simulator/server';
import { startSimulator } from '../simulator/server';

const POLLS = 250;
const SEEDS = [7, 2026];

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

describe.each(SEEDS)('randomized polling, seed %i', (seed) => {
	it(`reports every start, change and end exactly once over ${POLLS} polls`, async () => {
		simulator.reset();
		const next = random(seed);
		const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)];
		const trigger = createPoller(
			{
				events: ['sessionStarted', 'sessionChanged', 'sessionEnded'],
				simplify: true,
				options: { includeSessionsBetweenPolls: true },
			},
			simulatorCredentialsHelper(simulator),
		);

		expect(await trigger.poll()).toBeNull();
		let lastGood = snapshot(simulator);
		const reported: string[] = [];
		let failedPolls = 0;
		let largestState = 0;

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
			if (next() < 0.03) simulator.expireSignIns();
			const fails = next() < 0.12;
			if (fails) simulator.failNext(1, pick([500, 502, 503]));

			if (fails) {
				const stateBefore = JSON.stringify(trigger.staticData());
				await expect(trigger.poll()).rejects.toMatchObject({ name: 'NodeApiError' });
				expect(JSON.stringify(trigger.staticData())).toBe(stateBefore);
				failedPolls++;
				continue;
			}

			const items = (await trigger.poll()) ?? [];
			const expected = expectedEvents(lastGood, simulator);
			const actual = items.map((item) => `${String(item.json.event)} ${String(item.json.id)}`).sort();
			expect({ poll, events: actual }).toEqual({ poll, events: expected.events });
			for (const item of items.filter((candidate) => candidate.json.event === 'sessionChanged')) {
				expect(item.json.changes).toEqual(expected.changes[String(item.json.id)]);
			}
			reported.push(...actual);
			lastGood = snapshot(simulator);

			const state = trigger.staticData().state as { sessions: Record<string, IDataObject> };
			expect(Object.keys(state.sessions).sort()).toEqual([...lastGood.live.keys()].sort());
			const size = JSON.stringify(trigger.staticData()).length;
			largestState = Math.max(largestState, size);
			expect(size).toBeLessThan(1_000 + 1_500 * lastGood.live.size);
		}

		// Over the whole run: each session started once and ended at most once.
		const count = (prefix: string) =>
			reported.filter((line) => line.startsWith(prefix)).map((line) => line.split(' ')[1]);
		const started = count('sessionStarted');
		const ended = count('sessionEnded');
		expect(new Set(started).size).toBe(started.length);
		expect(new Set(ended).size).toBe(ended.length);
		expect(failedPolls).toBeGreaterThan(10);
		expect(started.length).toBeGreaterThan(100);
		expect(largestState).toBeGreaterThan(0);
	});
});
