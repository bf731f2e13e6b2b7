/**
 * A published trigger whose settings are edited keeps its state from before the edit: the next
 * poll must report what happened, not the difference the edit made to what is watched.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ALL_TRIGGER_EVENTS, createPoller, eventLines } from '../harness/poller';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { useSimulator } from '../harness/use-simulator';
import { SEED_CLOCK_START, iso } from '../simulator/seed';

jest.setTimeout(120_000);

const simulator = useSimulator();
const NEW_BASELINE_LOG = 'info: Evo Voice Trigger: the filters changed since the previous poll; a new baseline was taken and nothing reported';

function settings(parameters: INodeParameters): INodeParameters {
	return { events: ALL_TRIGGER_EVENTS, simplify: true, ...parameters };
}

describe('Evo Voice Trigger, settings edited while published', () => {
	// Each pair watches different seeded sessions; the session added later matches every second filter.
	it.each<[string, INodeParameters, INodeParameters]>([
		['Account', { accountId: 'acc-northwind' }, { accountId: 'acc-contoso' }],
		['Customer', { customerId: 'cus-northwind-retail' }, { customerId: 'cus-contoso-emea' }],
		['Channels', { channels: ['Voice'] }, { channels: ['Chat'] }],
	])('a changed %s filter takes a new baseline: no live session is reported ended or started', async (_filter, before, after) => {
		const trigger = createPoller(settings({ filters: before }), simulatorCredentialsHelper(simulator));
		await trigger.poll();

		trigger.setParameters(settings({ filters: after }));
		expect(await trigger.poll()).toBeNull();
		expect(trigger.logged).toEqual([NEW_BASELINE_LOG]);

		// Under the new filters from then on: a tracked session ends, a new one starts.
		simulator.transition('ses-0007', 'end');
		const call = simulator.addSession({ accountId: 'acc-contoso', customerId: 'cus-contoso-emea', channel: 'Chat' });
		expect(eventLines(await trigger.poll())).toEqual([`sessionEnded ses-0007`, `sessionStarted ${call.id}`]);
		expect(await trigger.poll()).toBeNull();
	});

	it('the same filters written otherwise (channel order, spaces around an ID) take no new baseline', async () => {
		const trigger = createPoller(
			settings({ filters: { accountId: 'acc-northwind', channels: ['Voice', 'Chat'] } }),
			simulatorCredentialsHelper(simulator),
		);
		await trigger.poll();

		trigger.setParameters(settings({ filters: { accountId: ' acc-northwind ', channels: ['Chat', 'Voice'] } }));
		simulator.transition('ses-0003', 'end');

		expect(eventLines(await trigger.poll())).toEqual(['sessionEnded ses-0003']);
		expect(trigger.logged).toEqual([]);
	});

	it('a state saved before the filters were recorded in it is taken as made by the current ones', async () => {
		const trigger = createPoller(settings({ filters: { accountId: 'acc-northwind' } }), simulatorCredentialsHelper(simulator));
		await trigger.poll();
		const state = trigger.staticData().state as IDataObject;
		// As the previous version saved it: nothing says which filters made it.
		delete state.filtersHash;

		simulator.transition('ses-0003', 'end');
		const call = simulator.addSession({ accountId: 'acc-northwind', channel: 'Voice' });
		expect(eventLines(await trigger.poll())).toEqual(['sessionEnded ses-0003', `sessionStarted ${call.id}`]);
		expect(trigger.logged).toEqual([]);

		// That poll recorded the filters: a change after it is noticed.
		trigger.setParameters(settings({ filters: { accountId: 'acc-contoso' } }));
		expect(await trigger.poll()).toBeNull();
		expect(trigger.logged).toEqual([NEW_BASELINE_LOG]);
	});

	describe('Include Sessions Between Polls switched on', () => {
		/** Sessions that came and went before the trigger was published, more than one ListSessions page. */
		function addOldEndedSessions(count: number): string[] {
			return Array.from({ length: count }, (_unused, index) => {
				const old = simulator.addSession({ channel: 'Chat', dateCreated: iso(SEED_CLOCK_START - (index + 90) * 60_000) });
				return simulator.transition(old.id, 'end').id;
			});
		}

		it('reports none of the sessions created before the switch, and those created after it', async () => {
			addOldEndedSessions(150);
			const trigger = createPoller(settings({}), simulatorCredentialsHelper(simulator));
			await trigger.poll();

			// Before the switch is polled: a tracked call ends, a new call is live.
			simulator.transition('ses-0003', 'end');
			const live = simulator.addSession({ channel: 'Voice', callState: 'Ringing' });
			trigger.setParameters(settings({ options: { includeSessionsBetweenPolls: true } }));
			expect(eventLines(await trigger.poll())).toEqual(['sessionEnded ses-0003', `sessionStarted ${live.id}`]);

			const brief = simulator.addSession({ channel: 'Voice' });
			simulator.transition(brief.id, 'end');
			expect(eventLines(await trigger.poll())).toEqual([`sessionStarted ${brief.id}`, `sessionEnded ${brief.id}`]);
			expect(await trigger.poll()).toBeNull();
		});

		it('switched off and on again, reports nothing of what came and went while it was off', async () => {
			const trigger = createPoller(settings({ options: { includeSessionsBetweenPolls: true } }), simulatorCredentialsHelper(simulator));
			await trigger.poll();
			trigger.setParameters(settings({ options: { includeSessionsBetweenPolls: false } }));
			const whileOff = simulator.addSession({ channel: 'Voice' });
			simulator.transition(whileOff.id, 'end');
			expect(await trigger.poll()).toBeNull();
			trigger.setParameters(settings({ options: { includeSessionsBetweenPolls: true } }));

			expect(await trigger.poll()).toBeNull();
			const brief = simulator.addSession({ channel: 'Chat' });
			simulator.transition(brief.id, 'end');
			expect(eventLines(await trigger.poll())).toEqual([`sessionStarted ${brief.id}`, `sessionEnded ${brief.id}`]);
		});

		it('on from the start but with no session seen yet, reports the first that comes and goes', async () => {
			// No seeded session is in this account: the baseline sees none.
			const trigger = createPoller(
				settings({ filters: { accountId: 'acc-fixture' }, options: { includeSessionsBetweenPolls: true } }),
				simulatorCredentialsHelper(simulator),
			);
			await trigger.poll();

			const brief = simulator.addSession({ accountId: 'acc-fixture', channel: 'Voice' });
			simulator.transition(brief.id, 'end');

			expect(eventLines(await trigger.poll())).toEqual([`sessionStarted ${brief.id}`, `sessionEnded ${brief.id}`]);
		});
	});
});
