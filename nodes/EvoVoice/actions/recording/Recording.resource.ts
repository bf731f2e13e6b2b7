import type { INodeProperties } from 'n8n-workflow';

import type { EvoVoiceOperation } from '../common';
import * as getMany from './getMany.operation';

export const recordingOperations: Record<string, EvoVoiceOperation> = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recording'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the recordings of a call, optionally downloaded as files',
				action: 'Get recordings of a call',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
