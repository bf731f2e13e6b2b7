import type { INodeProperties } from 'n8n-workflow';

import type { EvoVoiceOperation } from '../common';
import * as startOutgoing from './startOutgoing.operation';

export const callOperations: Record<string, EvoVoiceOperation> = { startOutgoing };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Start Outgoing',
				value: 'startOutgoing',
				description: 'Dial a number and run a flow when it answers',
				action: 'Start an outgoing call',
			},
		],
		default: 'startOutgoing',
	},
	...startOutgoing.description,
];
