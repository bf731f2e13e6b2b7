import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, INodeParameters, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { EvoVoiceTrigger } from '../../nodes/EvoVoiceTrigger/EvoVoiceTrigger.node';
import type { MemoryCredentialsHelper } from './engine';
import { additionalDataFor } from './engine';
import { CREDENTIAL_ID } from './workflows';

export const EVO_VOICE_TRIGGER_TYPE = 'n8n-nodes-evovoice.evoVoiceTrigger';

export interface Poller {
	/** One poll as n8n's poll scheduler runs it ('trigger'), or Fetch Test Event ('manual'). */
	poll(mode?: 'trigger' | 'manual'): Promise<INodeExecutionData[] | null>;
	/** The trigger node's static data, as n8n would persist it with the workflow. */
	staticData(): IDataObject;
}

/** An active workflow holding one Evo Voice Trigger, polled through n8n-core's PollContext. */
export function createPoller(parameters: INodeParameters, credentialsHelper: MemoryCredentialsHelper): Poller {
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
	let polls = 0;
	return {
		async poll(mode = 'trigger') {
			const additionalData = additionalDataFor(credentialsHelper, workflowData, `poll-${++polls}`);
			const context = new PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
			const output = await trigger.poll.call(context);
			return output?.[0] ?? null;
		},
		staticData: () => workflow.getStaticData('node', node),
	};
}
