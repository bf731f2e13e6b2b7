import type {
	IBinaryData,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { EvoVoiceClient } from '../../transport';
import { listFiles } from '../../transport';
import type { FileInfo } from '../../transport/dto';
import {
	collectPages,
	limitOf,
	requestOptionsProperty,
	requiredText,
	returnAllProperties,
	sessionIdOf,
	sessionIdProperty,
	timeoutMsOf,
} from '../common';

const properties: INodeProperties[] = [
	sessionIdProperty('The call whose recordings to get; its recordings stay after it ended'),
	...returnAllProperties(),
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: false,
		description: 'Whether to download each recording into the item\'s binary data, e.g. to attach it in the next node',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the recording in',
		displayOptions: { show: { download: [true] } },
	},
	requestOptionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['recording'], operation: ['getMany'] } },
	properties,
);

/** The recording's URI as an absolute http(s) URL, or a failure naming the recording. */
function downloadUrlOf(context: IExecuteFunctions, file: FileInfo, itemIndex: number): URL {
	try {
		const url = new URL(file.uri);
		if (url.protocol === 'https:' || url.protocol === 'http:') return url;
	} catch {
		// Reported below with the recording's ID.
	}
	throw new NodeOperationError(
		context.getNode(),
		`Evo Voice gave recording "${file.id}" no downloadable address (got ${JSON.stringify(file.uri)}) for item ${itemIndex}`,
		{ itemIndex },
	);
}

/**
 * Downloads a recording from its storage URL. It is a plain request, not an Evo Voice one: the
 * storage host is often another origin, and the Evo Voice sign-in must not travel there.
 */
async function downloadRecording(
	context: IExecuteFunctions,
	file: FileInfo,
	itemIndex: number,
	timeoutMs: number,
): Promise<IBinaryData> {
	const url = downloadUrlOf(context, file, itemIndex);
	let response: { body: unknown; headers: Record<string, unknown>; statusCode: number };
	try {
		response = (await context.helpers.httpRequest({
			method: 'GET',
			url: url.href,
			encoding: 'arraybuffer',
			returnFullResponse: true,
			timeout: timeoutMs,
		})) as typeof response;
	} catch (error) {
		throw new NodeApiError(context.getNode(), { message: (error as Error).message }, {
			message: `Could not download recording "${file.id}" from ${url.host}`,
			description: 'The recording\'s storage address did not answer with the file. It may have expired: get the recordings again for a fresh address.',
			itemIndex,
		});
	}
	const data = response.body;
	const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : undefined;
	if (bytes === undefined || bytes.byteLength === 0) {
		throw new NodeApiError(context.getNode(), {}, {
			message: `The download of recording "${file.id}" from ${url.host} was empty`,
			itemIndex,
		});
	}
	const headerType = response.headers['content-type'];
	const mimeType = file.contentType || (typeof headerType === 'string' ? headerType.split(';')[0] : undefined);
	const fileName = file.fileName || url.pathname.split('/').pop() || `${file.id}.mp3`;
	return await context.helpers.prepareBinaryData(Buffer.from(bytes), fileName, mimeType);
}

/** ListFiles: GET /files?sessionId=&type=CallRecording, one output item per recording. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdOf(this, itemIndex);
	const limit = limitOf(this, itemIndex);
	const download = this.getNodeParameter('download', itemIndex, false) === true;
	const binaryPropertyName = download
		? requiredText(this, 'binaryPropertyName', 'Put Output File in Field', itemIndex)
		: '';
	const timeoutMs = timeoutMsOf(this, itemIndex);
	const recordings = await collectPages(
		async (page, countPerPage) =>
			await listFiles(
				client,
				{ sessionId, type: 'CallRecording', page, countPerPage, simplifiedPaging: true },
				{ itemIndex, timeoutMs },
			),
		limit,
	);
	const output: INodeExecutionData[] = [];
	for (const recording of recordings) {
		const item: INodeExecutionData = { json: { ...recording }, pairedItem: { item: itemIndex } };
		if (download) {
			item.binary = { [binaryPropertyName]: await downloadRecording(this, recording, itemIndex, timeoutMs) };
		}
		output.push(item);
	}
	return output;
}
