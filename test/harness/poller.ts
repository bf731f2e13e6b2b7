import { PollContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWorkflowBase,
	LogLevel,
	Logger,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { EvoVoiceTrigger } from '../../nodes/EvoVoiceTrigger/EvoVoiceTrigger.node';
import type { MemoryCredentialsHelper } from './engine';
import { additionalDataFor } from './engine';
import { CREDENTIAL_ID } from './workflows';

export const EVO_VOICE_TRIGGER_TYPE = 'n8n-nodes-evovoice.evoVoiceTrigger';

/** Every event the trigger offers, as its Events parameter takes them. */
export const ALL_TRIGGER_EVENTS = ['sessionStarted', 'sessionChanged', 'sessionEnded'];

/** A poll's items as `event id` lines, in the order reported. */
export function eventLines(items: Array<{ json: IDataObject }> | null): string[] {
	return (items ?? []).map((item) => `${String(item.json.event)} ${String(item.json.id)}`);
}

export interface PollerOptions {
	/**
	 * What n8n's getPollBudgetMs answers, asked once per poll; without it PollContext's own
	 * default (minutes) applies. A budget of 0 stands for a poll whose time is already spent.
	 */
	pollBudgetMs?: () => number;
}

export interface Poller {
	/** One poll as n8n's poll scheduler runs it ('trigger'), or Fetch Test Event ('manual'). */
	poll(mode?: 'trigger' | 'manual'): Promise<INodeExecutionData[] | null>;
	/** The trigger node's static data, as n8n would persist it with the workflow. */
	staticData(): IDataObject;
	/** The user edits the trigger's parameters in the published workflow: its static data stays. */
	setParameters(parameters: INodeParameters): void;
	/** What the trigger logged at info level or above, as `level: message`, oldest first. */
	logged: string[];
}

/** An active workflow holding one Evo Voice Trigger, polled through n8n-core's PollContext. */
export function createPoller(
	parameters: INodeParameters,
	credentialsHelper: MemoryCredentialsHelper,
	{ pollBudgetMs }: PollerOptions = {},
): Poller {
	const trigger = new EvoVoiceTrigger();
	const node: INode = {
		id: 'trigger',
		name: 'Evo Voice Trigger',
		type: EVO_VOICE_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { evoVoiceApi: { id: CREDENTIAL_ID, name: 'Evo Voice account' } },
	};
	const workflow = new Workflow({
		id: 'pollingWorkflow',
		name: 'Polling workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: {
			getByName: () => trigger,
			getByNameAndVersion: () => trigger,
			getKnownTypes: () => ({}),
		},
		staticData: {},
		settings: {},
	});
	const workflowData = { id: workflow.id, name: workflow.name, nodes: [node], connections: {} } as unknown as IWorkflowBase;
	const logged: string[] = [];
	const record = (level: LogLevel) => (message: string) => void logged.push(`${level}: ${message}`);
	const logger: Logger = { error: record('error'), warn: record('warn'), info: record('info'), debug: () => {} };
	let polls = 0;
	return {
		async poll(mode = 'trigger') {
			const additionalData = additionalDataFor(credentialsHelper, workflowData, `poll-${++polls}`);
			const activation = mode === 'manual' ? 'manual' : 'activate';
			const context = new PollContext(
				workflow,
				node,
				additionalData,
				mode,
				activation,
				// Emitting, cursor commits, the poll scope and static data keep PollContext's defaults.
				undefined,
				undefined,
				undefined,
				undefined,
				undefined,
				pollBudgetMs,
			);
			// n8n's logger is a process-wide one; this poller's own records what its polls say.
			Object.defineProperty(context, 'logger', { value: logger });
			const output = await trigger.poll.call(context);
			return output?.[0] ?? null;
		},
		staticData: () => workflow.getStaticData('node', node),
		setParameters(edited) {
			node.parameters = edited;
		},
		logged,
	};
}
