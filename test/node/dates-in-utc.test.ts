/**
 * Dates reach Evo Voice in a form it reads one way only: a date-time typed with an offset is
 * sent in UTC, a date-time without one and a plain date are sent as typed. Any "now" these
 * tests depend on is a fixed clock, so they mean the same on any day they run.
 */
import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { useSimulator } from '../harness/use-simulator';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';
import { SEED_CLOCK_START } from '../simulator/seed';
import { freezeDateAt } from '../harness/fixed-clock';

const simulator = useSimulator();

const DAY_MS = 86_400_000;

afterEach(() => {
	jest.useRealTimers();
});

/** `milliseconds` as the wall-clock time at a fixed offset from UTC, written with that offset. */
function withOffset(milliseconds: number, offset: string): string {
	const [sign, hours, minutes] = [offset[0], Number(offset.slice(1, 3)), Number(offset.slice(4, 6))];
	const shiftMs = (sign === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
	return new Date(milliseconds + shiftMs).toISOString().slice(0, 19) + offset;
}

function apiRequests() {
	return simulator.requests.filter((request) => !request.rawPath.startsWith('/auth/'));
}

describe("Session → Get Active's Start Date", () => {
	it.each([
		['an offset east of UTC', '2026-11-24T09:00:00+02:00', '2026-11-24T07:00:00.000Z'],
		['an offset west of UTC, across midnight', '2026-11-23T21:30:00-05:30', '2026-11-24T03:00:00.000Z'],
		['Z', '2026-11-24T09:00:00Z', '2026-11-24T09:00:00.000Z'],
		['fractions of a second and an offset', '2026-11-24T09:00:00.5+01:00', '2026-11-24T08:00:00.500Z'],
		['no offset (sent as typed)', '2026-11-24T09:00:00', '2026-11-24T09:00:00'],
		['no offset and no seconds (sent as typed)', '2026-11-24T09:00', '2026-11-24T09:00'],
		['only a date (sent as typed)', '2026-11-24', '2026-11-24'],
	])('typed with %s reaches Evo Voice as the right instant', async (_case, typed, sent) => {
		const result = await runWorkflow(
			evoVoiceWorkflow({ resource: 'session', operation: 'getActive', returnAll: true, filters: { startDate: typed } }),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests()).toEqual([expect.objectContaining({ rawPath: '/portal/active-sessions', query: { startDate: sent } })]);
	}, 60_000);

	it('converts each item its own way when an expression gives different forms', async () => {
		const result = await runWorkflow(
			evoVoiceWorkflow(
				{ resource: 'session', operation: 'getActive', returnAll: true, filters: { startDate: '={{ $json.since }}' } },
				{ items: [{ since: '2026-11-24T00:00:00+09:00' }, { since: '2026-11-24T00:00:00' }] },
			),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests().map((request) => request.query.startDate)).toEqual(['2026-11-23T15:00:00.000Z', '2026-11-24T00:00:00']);
	}, 60_000);
});

describe("Chat → Get Transcript's Historical Cut-Off Date, against a fixed clock", () => {
	it('typed with an offset, a few weeks before now, is sent in UTC and brings the earlier chat', async () => {
		freezeDateAt(SEED_CLOCK_START);
		const cutOff = SEED_CLOCK_START - 30 * DAY_MS;
		const earlier = simulator.addSession({
			channel: 'Chat',
			callState: 'Connected',
			fromAddress: '+15555550163',
			dateCreated: new Date(SEED_CLOCK_START - 4 * DAY_MS).toISOString(),
		});
		simulator.transcripts.set(earlier.id, [
			{ date: earlier.dateCreated, from: '+15555550163', body: 'Old question', mediaUri: '', mediaContentType: '' },
		]);

		const result = await runWorkflow(
			evoVoiceWorkflow({
				resource: 'chat',
				operation: 'getTranscript',
				sessionId: sessionById('ses-0004'),
				output: 'oneItem',
				options: { includeHistorical: true, historicalCutOffDate: withOffset(cutOff, '+02:00') },
			} as never),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests()[0].query).toEqual({ includeHistorical: 'true', historicalCutOffDate: new Date(cutOff).toISOString() });
		const messages = result.outputOf(EVO_VOICE_NODE)[0].json.messages as Array<{ body: string }>;
		expect(messages[0].body).toBe('Old question');
	}, 60_000);

	it('more than six months before now is refused before any request', async () => {
		freezeDateAt(SEED_CLOCK_START);

		const result = await runWorkflow(
			evoVoiceWorkflow({
				resource: 'chat',
				operation: 'getTranscript',
				sessionId: sessionById('ses-0004'),
				output: 'oneItem',
				options: { includeHistorical: true, historicalCutOffDate: new Date(SEED_CLOCK_START - 200 * DAY_MS).toISOString() },
			} as never),
			simulatorCredentialsHelper(simulator),
		);

		// Only the field and the rule: whether it is called a parameter or an option may change.
		expect(result.error?.message).toContain('"Historical Cut-Off Date"');
		expect(result.error?.message).toContain('at most six months ago');
		expect(apiRequests()).toEqual([]);
	}, 60_000);
});
