/**
 * The published Evo Voice Trigger, edited while n8n runs (Save, then Publish through n8n's REST
 * API), with n8n's legacy poller: its next polls report what happened, not what the edit changed
 * in what is watched. Proven on n8n 2.40.7 (see jest.e2e.config.js).
 */
import type { Simulator } from '../simulator/server';
import { SEED_CLOCK_START, iso } from '../simulator/seed';
import { listExecutions, waitFor } from './executions';
import { packagedN8nWithSimulator } from './fixtures';
import type { N8nInstall, N8nInstance, RunningN8n } from './n8n';
import { N8nRestClient } from './n8n';
import { TRIGGER_NODE, reportedEvents, triggerWorkflow } from './trigger-restart';

describe('the published trigger with its settings edited while n8n runs, with n8n\'s legacy poller', () => {
	const EDITED_WORKFLOW_ID = 'evoTriggerEdited1';
	const NAME = 'Evo Voice Trigger edited while published';
	const CONTOSO = { accountId: 'acc-contoso', customerId: 'cus-contoso-emea' };
	let install: N8nInstall;
	let instance: N8nInstance;
	let simulator: Simulator;
	let n8n: RunningN8n | undefined;

	beforeAll(async () => {
		({ install, simulator, instance } = await packagedN8nWithSimulator());
		// Every account watched, Include Sessions Between Polls off.
		await instance.importWorkflows([triggerWorkflow(EDITED_WORKFLOW_ID, NAME, {})]);
		await instance.publishWorkflow(EDITED_WORKFLOW_ID);
	});

	afterAll(async () => {
		await n8n?.stop();
		await simulator?.close();
		instance?.remove();
	});

	/**
	 * As the editor's Save then Publish: the trigger's new settings saved as a version, which is
	 * published. n8n 2.40 publishes through an outbox, so the new version polls a moment later.
	 */
	async function saveAndPublish(rest: N8nRestClient, settings: { filters?: object; options?: object }): Promise<void> {
		const { nodes } = triggerWorkflow(EDITED_WORKFLOW_ID, NAME, settings);
		const saved = await rest.request<{ versionId: string }>('PATCH', `/workflows/${EDITED_WORKFLOW_ID}`, { nodes });
		await rest.request('POST', `/workflows/${EDITED_WORKFLOW_ID}/activate`, { versionId: saved.versionId });
	}

	/** The trigger's state as n8n saved it with the workflow, as JSON; undefined before the first poll's. */
	async function savedState(rest: N8nRestClient): Promise<string | undefined> {
		const { staticData } = await rest.request<{ staticData?: Record<string, { state?: unknown }> | null }>(
			'GET',
			`/workflows/${EDITED_WORKFLOW_ID}`,
		);
		const state = staticData?.[`node:${TRIGGER_NODE}`]?.state;
		return state === undefined ? undefined : JSON.stringify(state);
	}

	/** Resolves once the simulator has answered a request that `matches`, so what it read is fixed. */
	async function answered(what: string, matches: (request: Simulator['requests'][number]) => boolean): Promise<void> {
		await waitFor(what, 120_000, () => (simulator.requests.some(matches) ? true : undefined));
	}

	it('a changed Account ID reports no live call as ended; Include Sessions Between Polls switched on, no older session', async () => {
		n8n = await instance.start();
		const rest = await N8nRestClient.signIn(n8n.url);
		// The activation poll's baseline, saved: what the first edit finds.
		const baseline = await waitFor('the baseline to be saved', 120_000, async () => await savedState(rest));

		// Only Contoso from now on: the other accounts' calls are still live, only no longer watched.
		await saveAndPublish(rest, { filters: { accountId: CONTOSO.accountId } });
		await answered('a poll with the new filter', (request) => request.query.accountId === CONTOSO.accountId);
		await waitFor('its state to be saved', 120_000, async () => ((await savedState(rest)) !== baseline ? true : undefined));

		// Before the option is switched on: Contoso sessions that came and went long before, and a new call.
		for (const minutesBefore of [100, 110, 120]) {
			const old = simulator.addSession({ ...CONTOSO, channel: 'Voice', dateCreated: iso(SEED_CLOCK_START - minutesBefore * 60_000) });
			simulator.transition(old.id, 'end');
		}
		const call = simulator.addSession({ ...CONTOSO, channel: 'Voice', callState: 'Ringing' });
		await saveAndPublish(rest, { filters: { accountId: CONTOSO.accountId }, options: { includeSessionsBetweenPolls: true } });
		// Only a poll with the option on reads ListSessions: from its answer on, the option is on.
		await answered('a poll with Include Sessions Between Polls on', (request) => request.rawPath === '/sessions');

		// After the switch: a chat that comes and goes, reported by the next scheduled poll.
		const brief = simulator.addSession({ ...CONTOSO, channel: 'Chat' });
		simulator.transition(brief.id, 'end');
		const expected = [`sessionStarted ${call.id}`, `sessionStarted ${brief.id}`, `sessionEnded ${brief.id}`].sort();
		const reported = await waitFor('the chat after the switch to be reported', 200_000, async () => {
			const events = await reportedEvents(install, rest, EDITED_WORKFLOW_ID);
			return events.includes(`sessionEnded ${brief.id}`) ? events : undefined;
		});
		expect(reported).toEqual(expected);
		// Every execution finished: none still running holds other events.
		const statuses = (await listExecutions(rest, EDITED_WORKFLOW_ID)).map((execution) => execution.status);
		expect(statuses.every((status) => status === 'success')).toBe(true);
	});
});
