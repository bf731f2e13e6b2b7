/**
 * When the node's requests go out, seen from a proxy in front of the simulator: the Batch
 * Interval is waited between batches, items without Batching go one after another, and the
 * items of a batch wait for a sign-in already under way instead of each signing in. Only the
 * order of events and lower bounds on gaps are checked, so a slow machine cannot fail them.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MemoryCredentialsHelper } from '../harness/engine';
import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import type { TimelineEvent } from '../harness/timeline-proxy';
import { timelineProxy } from '../harness/timeline-proxy';
import { useSimulator } from '../harness/use-simulator';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';

const simulator = useSimulator();
const proxy = timelineProxy(() => simulator.url);

const BATCH_INTERVAL_MS = 300;
/** Node's timers may fire a millisecond or so early; a lower bound this far under cannot flake. */
const TIMER_SLACK_MS = 10;

function voiceCalls(count: number): string[] {
	return Array.from({ length: count }, () => simulator.addSession({ channel: 'Voice', callState: 'Connected' }).id);
}

const holdOf = (sessionId: string) => `POST /sessions/${sessionId}/hold`;

function holdEach(ids: string[], credentials: MemoryCredentialsHelper, batch?: IDataObject) {
	return runWorkflow(
		evoVoiceWorkflow(
			{
				resource: 'session',
				operation: 'hold',
				sessionId: sessionById('={{ $json.id }}'),
				reason: 'None',
				options: (batch ? { batching: { batch } } : {}) as never,
			},
			{ items: ids.map((id) => ({ id })) },
		),
		credentials,
	);
}

/** A credential that goes through the proxy and is already signed in, so no item has to sign in. */
async function signedInThroughProxy(): Promise<MemoryCredentialsHelper> {
	const credentials = simulatorCredentialsHelper({ url: proxy.url });
	await holdEach(voiceCalls(1), credentials);
	proxy.events.length = 0;
	simulator.clearRequests();
	return credentials;
}

function eventOf(kind: TimelineEvent['kind'], request: string): TimelineEvent {
	const event = proxy.events.find((candidate) => candidate.kind === kind && candidate.request === request);
	if (!event) throw new Error(`No ${kind} event for ${request} in ${JSON.stringify(proxy.events)}`);
	return event;
}

describe('Batching → Batch Interval', () => {
	it(
		'sends the first item of the next batch only after the interval has passed since the last answer of the batch before',
		async () => {
			const ids = voiceCalls(4);
			const credentials = await signedInThroughProxy();

			const result = await holdEach(ids, credentials, { batchSize: 2, batchInterval: BATCH_INTERVAL_MS });

			expect(result.error).toBeUndefined();
			expect(result.outputOf(EVO_VOICE_NODE).map((item) => item.json.id)).toEqual(ids);
			const lastAnswerOfFirstBatch = Math.max(...ids.slice(0, 2).map((id) => eventOf('answer', holdOf(id)).at));
			const firstRequestOfSecondBatch = Math.min(...ids.slice(2).map((id) => eventOf('request', holdOf(id)).at));
			expect(firstRequestOfSecondBatch - lastAnswerOfFirstBatch).toBeGreaterThanOrEqual(BATCH_INTERVAL_MS - TIMER_SLACK_MS);
		},
		60_000,
	);
});

describe('without the Batching option', () => {
	it(
		"sends each item's request only after the previous item's answer, however slow that answer is",
		async () => {
			const ids = voiceCalls(3);
			// Signed in already: otherwise the first item's sign-in alone would make the others wait.
			const credentials = await signedInThroughProxy();
			// A slow first answer: items sent side by side would reach Evo Voice while it is held.
			proxy.holdAnswer(holdOf(ids[0]), 500);

			const result = await holdEach(ids, credentials);

			expect(result.error).toBeUndefined();
			expect(proxy.events.map((event) => `${event.kind} ${event.request}`)).toEqual(
				ids.flatMap((id) => [`request ${holdOf(id)}`, `answer ${holdOf(id)}`]),
			);
		},
		60_000,
	);
});

describe('a sign-in already under way', () => {
	it(
		'is waited for by the other items of a batch: one sign-in for a batch of 10 with no stored session',
		async () => {
			const ids = voiceCalls(10);
			const credentials = simulatorCredentialsHelper({ url: proxy.url });

			const result = await holdEach(ids, credentials, { batchSize: 10, batchInterval: 0 });

			expect(result.error).toBeUndefined();
			expect(result.outputOf(EVO_VOICE_NODE).map((item) => item.json.id)).toEqual(ids);
			expect(simulator.requests.filter((request) => request.rawPath === '/auth/credentials')).toHaveLength(1);
			expect(credentials.updates).toHaveLength(1);
			// Every hold went out after the sign-in was answered, with the session it made.
			const signInAnswered = proxy.events.findIndex((event) => event.kind === 'answer' && event.request === 'POST /auth/credentials');
			for (const id of ids) {
				expect(proxy.events.findIndex((event) => event.kind === 'request' && event.request === holdOf(id))).toBeGreaterThan(signInAnswered);
			}
			const sessionCookies = new Set(
				simulator.requests.filter((request) => request.rawPath.endsWith('/hold')).map((request) => request.cookies['ss-id']),
			);
			expect(sessionCookies.size).toBe(1);
			expect([...sessionCookies][0]).toEqual(expect.any(String));
		},
		60_000,
	);

	it(
		'is waited for after a 401: a batch of 10 meeting an expired session signs in again once',
		async () => {
			const ids = voiceCalls(10);
			const credentials = await signedInThroughProxy();
			simulator.expireSignIns();

			const result = await holdEach(ids, credentials, { batchSize: 10, batchInterval: 0 });

			expect(result.error).toBeUndefined();
			expect(result.outputOf(EVO_VOICE_NODE).map((item) => item.json.id)).toEqual(ids);
			expect(simulator.requests.filter((request) => request.rawPath === '/auth/credentials')).toHaveLength(1);
			// The sign-in of the first run, then the one renewal.
			expect(credentials.updates).toHaveLength(2);
		},
		60_000,
	);
});
