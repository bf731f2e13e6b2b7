/**
 * The published Evo Voice Trigger across an n8n restart, in the real pinned n8n: what happened
 * while n8n was down is reported once each when it is back. One test file per way n8n keeps a
 * poll's state (its legacy poller, and its durable poll cursors, which keep the trigger's state
 * in their own table), so that the two, which mostly wait for n8n's minute polls, run side by side.
 */
import type { Simulator } from '../simulator/server';
import { itemsOfFinishedExecutions, waitFor } from './executions';
import { SIMULATOR_CREDENTIAL, packagedN8nWithSimulator } from './fixtures';
import type { N8nInstall, N8nInstance, RunningN8n } from './n8n';
import { N8nRestClient } from './n8n';

const WORKFLOW_ID = 'evoTriggerRestart1';
export const TRIGGER_NODE = 'Evo Voice Trigger';

/** A workflow of one Evo Voice Trigger polling every minute: the session events unless `events` says, with the given filters and options. */
export function triggerWorkflow(id: string, name: string, settings: { events?: string[]; filters?: object; options?: object }) {
	return {
		id,
		name,
		active: false,
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER_NODE,
				type: 'n8n-nodes-evovoice.evoVoiceTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					events: ['sessionStarted', 'sessionChanged', 'sessionEnded'],
					simplify: true,
					...settings,
				},
				credentials: { evoVoiceApi: SIMULATOR_CREDENTIAL },
			},
		],
		connections: {},
	};
}

/** Every event of every finished trigger execution of a workflow, as `event id`, once n8n has recorded them. */
export async function reportedEvents(install: N8nInstall, rest: N8nRestClient, workflowId: string): Promise<string[]> {
	const items = await itemsOfFinishedExecutions(rest, install, workflowId, TRIGGER_NODE);
	return items.map((item) => `${String(item.event)} ${String(item.id)}`).sort();
}

const WORKFLOW = triggerWorkflow(WORKFLOW_ID, 'Evo Voice Trigger across restarts', {
	options: { includeSessionsBetweenPolls: true },
});

/**
 * The restart cases, with n8n started with `env` (how it keeps a poll's state); the re-import case
 * only where `reimport` says it holds (see the callers).
 */
export function describeRestart(poller: string, env: Record<string, string>, { reimport }: { reimport: boolean }): void {
	describe(`the published trigger across an n8n restart, with ${poller}`, () => {
		let install: N8nInstall;
		let instance: N8nInstance;
		let simulator: Simulator;
		let n8n: RunningN8n | undefined;

		beforeAll(async () => {
			({ install, simulator, instance } = await packagedN8nWithSimulator());
			await instance.importWorkflows([WORKFLOW]);
			await instance.publishWorkflow(WORKFLOW_ID);
		});

		afterAll(async () => {
			await n8n?.stop();
			await simulator?.close();
			instance?.remove();
		});

		const polls = () => simulator.requests.filter((request) => request.rawPath === '/portal/active-sessions').length;

		it('reports each start and end that happened while n8n was down exactly once', async () => {
			n8n = await instance.start(undefined, env);
			let rest = await N8nRestClient.signIn(n8n.url);
			// The baseline first: the activation poll and one scheduled poll (with durable cursors n8n
			// keeps no state from the activation poll, so the first scheduled poll takes the baseline).
			await waitFor('two polls', 200_000, () => (polls() >= 2 ? true : undefined));
			// A reported call proves the trigger's state reached n8n's database (with the execution).
			const before = simulator.addSession({ channel: 'Voice', callState: 'Ringing' });
			await waitFor('the first call to be reported', 200_000, async () =>
				(await reportedEvents(install, rest, WORKFLOW_ID)).includes(`sessionStarted ${before.id}`) ? true : undefined,
			);
			await n8n.stop();
			n8n = undefined;

			// While n8n is down: a new call, a tracked call hangs up, and a call that comes and goes.
			const whileDown = simulator.addSession({ channel: 'Voice', callState: 'Ringing' });
			simulator.transition(before.id, 'end');
			const brief = simulator.addSession({ channel: 'Chat' });
			simulator.transition(brief.id, 'end');

			n8n = await instance.start(undefined, env);
			rest = await N8nRestClient.signIn(n8n.url);
			const expected = [
				`sessionStarted ${before.id}`,
				`sessionEnded ${before.id}`,
				`sessionStarted ${whileDown.id}`,
				`sessionStarted ${brief.id}`,
				`sessionEnded ${brief.id}`,
			].sort();
			await waitFor('the events while n8n was down', 200_000, async () => {
				const seen = await reportedEvents(install, rest, WORKFLOW_ID);
				return expected.every((line) => seen.includes(line)) ? seen : undefined;
			});
			// A further poll after that: nothing is reported again.
			const pollsThen = polls();
			await waitFor('one more poll', 200_000, () => (polls() >= pollsThen + 1 ? true : undefined));
			expect(await reportedEvents(install, rest, WORKFLOW_ID)).toEqual(expected);
		});

		(reimport ? it : it.skip)('an import of the same workflow while n8n runs, then publishing it again, leaves one poller', async () => {
			const rest = await N8nRestClient.signIn(n8n!.url);
			const before = await reportedEvents(install, rest, WORKFLOW_ID);
			// n8n's import unpublishes what it imports; publishing it again must not add a second poller.
			await instance.importWorkflows([WORKFLOW]);
			await instance.publishWorkflow(WORKFLOW_ID);

			const next = simulator.addSession({ channel: 'Voice', callState: 'Ringing' });
			const line = `sessionStarted ${next.id}`;
			await waitFor('the next call to be reported', 200_000, async () =>
				(await reportedEvents(install, rest, WORKFLOW_ID)).includes(line) ? true : undefined,
			);
			// A poll after that, so a second poller would have had its turn too.
			const pollsThen = polls();
			await waitFor('one more poll', 200_000, () => (polls() >= pollsThen + 1 ? true : undefined));
			expect(await reportedEvents(install, rest, WORKFLOW_ID)).toEqual([...before, line].sort());
		});
	});
}
