/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only server, never inside n8n */
/**
 * A deterministic stand-in for an OpenAI-compatible model: a loopback HTTP server answering
 * `POST /v1/chat/completions` from a script the test gives, and keeping every request it got, so a
 * test can check what n8n's AI Agent sent to the model (tool names, descriptions, schemas, the
 * tool results) and drive which tools it calls. n8n's OpenAI Chat Model node reaches it through an
 * `openAiApi` credential whose Base URL is `url`, with the Responses API off.
 */
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { readBody } from '../simulator/server';

export interface ChatToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: ChatToolCall[];
	tool_call_id?: string;
}

export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: { properties?: Record<string, unknown>; required?: string[] } };
}

export interface ChatCompletionRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
}

/** What the scripted model answers: text, or calls of tools by name with their arguments. */
export type ModelReply = { text: string } | { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> };

/** One turn of a script: the reply to the request it is given. */
export type ModelTurn = (request: ChatCompletionRequest) => ModelReply;

export interface ScriptedModel {
	/** The Base URL for n8n's OpenAI credential (ends with `/v1`). */
	url: string;
	/** Every chat completion request, in order, as parsed JSON. */
	requests: ChatCompletionRequest[];
	/** Every request body exactly as it arrived, to search for secrets. */
	rawBodies: string[];
	/** Replaces the turns still to come; each request takes the next one. */
	script(turns: ModelTurn[]): void;
	close(): Promise<void>;
}

/** The text of a message, whether n8n sent it as a string or as content parts. */
function textOf(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	return (message.content ?? []).map((part) => part.text ?? '').join('');
}

/** The result of the tool call the model asked for last: the first `tool` message after its last call, or ''. */
export function lastToolResult(request: ChatCompletionRequest): string {
	const lastCall = request.messages.map((message) => (message.tool_calls?.length ?? 0) > 0).lastIndexOf(true);
	const result = lastCall < 0 ? undefined : request.messages.slice(lastCall + 1).find((message) => message.role === 'tool');
	return result === undefined ? '' : textOf(result);
}

let callCount = 0;

function completion(request: ChatCompletionRequest, reply: ModelReply) {
	const toolCalls: ChatToolCall[] =
		'toolCalls' in reply
			? reply.toolCalls.map((call) => ({
					id: `call_${++callCount}`,
					type: 'function',
					function: { name: call.name, arguments: JSON.stringify(call.arguments) },
				}))
			: [];
	const message = {
		role: 'assistant',
		content: 'text' in reply ? reply.text : null,
		...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
	};
	return {
		id: `chatcmpl-${callCount}`,
		created: 1_765_000_000,
		model: request.model,
		message,
		finishReason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
	};
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

/** A streamed answer: the whole message in one chunk, then its finish reason, as OpenAI's SSE does. */
function sendStream(response: ServerResponse, answer: ReturnType<typeof completion>): void {
	response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const chunk = (delta: unknown, finishReason: string | null) =>
		`data: ${JSON.stringify({
			id: answer.id,
			object: 'chat.completion.chunk',
			created: answer.created,
			model: answer.model,
			choices: [{ index: 0, delta, finish_reason: finishReason }],
		})}\n\n`;
	const { tool_calls: toolCalls, ...rest } = answer.message as { tool_calls?: ChatToolCall[]; role: string; content: string | null };
	const delta = toolCalls ? { ...rest, tool_calls: toolCalls.map((call, index) => ({ index, ...call })) } : rest;
	response.write(chunk(delta, null));
	response.write(chunk({}, answer.finishReason));
	response.end('data: [DONE]\n\n');
}

export async function startScriptedModel(): Promise<ScriptedModel> {
	const requests: ChatCompletionRequest[] = [];
	const rawBodies: string[] = [];
	let turns: ModelTurn[] = [];
	const server = createServer((request, response) => {
		void (async () => {
			const path = new URL(request.url ?? '/', 'http://model').pathname;
			if (request.method === 'GET' && path === '/v1/models') {
				sendJson(response, 200, { object: 'list', data: [{ id: 'scripted', object: 'model', owned_by: 'tests' }] });
				return;
			}
			if (request.method !== 'POST' || path !== '/v1/chat/completions') {
				sendJson(response, 404, { error: { message: `The scripted model has no ${request.method} ${path}` } });
				return;
			}
			const raw = await readBody(request);
			const chatRequest = JSON.parse(raw) as ChatCompletionRequest;
			rawBodies.push(raw);
			requests.push(chatRequest);
			const turn = turns.shift();
			if (turn === undefined) {
				// A 400 is not retried by the OpenAI client: the run fails at once and says why.
				sendJson(response, 400, { error: { message: 'The scripted model has no turn left for this request', type: 'invalid_request_error' } });
				return;
			}
			const answer = completion(chatRequest, turn(chatRequest));
			if (chatRequest.stream === true) {
				sendStream(response, answer);
				return;
			}
			sendJson(response, 200, {
				id: answer.id,
				object: 'chat.completion',
				created: answer.created,
				model: answer.model,
				choices: [{ index: 0, message: answer.message, finish_reason: answer.finishReason, logprobs: null }],
				usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
			});
		})().catch((error: unknown) => sendJson(response, 500, { error: { message: String(error) } }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		rawBodies,
		script: (next) => {
			turns = [...next];
		},
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The OpenAI credential for `n8n import:credentials`, pointing n8n's OpenAI Chat Model at the scripted model. */
export function scriptedModelCredential(identity: { id: string; name: string }, model: ScriptedModel) {
	return {
		...identity,
		type: 'openAiApi',
		// A key the loopback scripted model ignores.
		data: { apiKey: 'sk-scripted-model', organizationId: '', url: model.url, header: false },
	};
}
