import type { IDataObject, INode, INodeParameters, INodeParameterResourceLocator } from 'n8n-workflow';

import type { WorkflowFixture } from './engine';
import { EVO_VOICE_NODE_TYPE, EVO_VOICE_TOOL_NODE_TYPE, ITEMS_NODE_TYPE } from './engine';

export const CREDENTIAL_ID = 'evoVoiceCredential';
export const EVO_VOICE_NODE = 'Evo Voice';

export interface EvoVoiceWorkflowOptions {
	/** The items fed into the Evo Voice node. */
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** On Error → Continue (using error output): failed items leave on the node's second output. */
	errorOutput?: boolean;
	/** The node as an AI agent's tool (its Tool type), run as n8n's engine runs a tool call: one item of the model's arguments. */
	asTool?: boolean;
}

/** Fixture Items → Evo Voice, with the Evo Voice node set up as a user would in the editor. */
export function evoVoiceWorkflow(
	parameters: INodeParameters,
	{ items = [{}], continueOnFail = false, errorOutput = false, asTool = false }: EvoVoiceWorkflowOptions = {},
): WorkflowFixture {
	const itemsNode: INode = {
		id: 'items',
		name: 'Items',
		type: ITEMS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(items) },
	};
	const evoVoiceNode: INode = {
		id: 'evoVoice',
		name: EVO_VOICE_NODE,
		type: asTool ? EVO_VOICE_TOOL_NODE_TYPE : EVO_VOICE_NODE_TYPE,
		typeVersion: 1,
		position: [220, 0],
		parameters,
		credentials: { evoVoiceApi: { id: CREDENTIAL_ID, name: 'Evo Voice account' } },
		...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(errorOutput ? { onError: 'continueErrorOutput' as const } : {}),
	};
	return {
		nodes: [itemsNode, evoVoiceNode],
		connections: {
			[itemsNode.name]: { main: [[{ node: evoVoiceNode.name, type: 'main', index: 0 }]] },
		},
	};
}

/** A Session resource locator value, as the editor stores one typed "By ID". */
export function sessionById(id: string): INodeParameterResourceLocator {
	return { __rl: true, mode: 'id', value: id };
}

/** A picker's value as the editor stores a record picked "From List". */
export function pickedFromList(value: string): INodeParameterResourceLocator {
	return { __rl: true, mode: 'list', value };
}
