/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only code: a chat client in plain Node, never inside n8n */
/**
 * n8n's hosted chat as its page talks to a public Chat Trigger whose Response Mode is "Using
 * Response Nodes" (what human review in the chat needs): a POST starts the execution, then a
 * websocket on `/chat` carries what the workflow says (the Reply node's text, a review's
 * Approve / Decline buttons) until the execution ends. A button is a signed link that the page
 * opens with a GET, which resumes the waiting execution.
 */
import { join } from 'node:path';

import { waitFor } from './executions';
import type { N8nInstall } from './n8n';

/** A review request as n8n's chat shows it: its text and its buttons, Approve first. */
export interface ChatButtons {
	type: 'with-buttons';
	text: string;
	buttons: Array<{ text: string; link: string }>;
}

interface SocketLike {
	on(event: 'message', listener: (data: Buffer) => void): void;
	on(event: 'close' | 'open', listener: () => void): void;
	on(event: 'error', listener: (error: Error) => void): void;
	send(text: string): void;
}

/** Where a Chat Trigger listens, and the Basic Auth login it asks for. */
export interface ChatAddress {
	n8nUrl: string;
	webhookId: string;
	login: { user: string; password: string };
}

/**
 * One chat message, as n8n's chat page POSTs it; resolves with n8n's JSON answer: the reply itself
 * (`{ output }`) when the trigger answers from its last node, the started execution when it uses
 * response nodes.
 */
export async function postChatMessage(chat: ChatAddress, sessionId: string, chatInput: string): Promise<Record<string, unknown>> {
	const response = await fetch(`${chat.n8nUrl}/webhook/${chat.webhookId}/chat`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			authorization: `Basic ${Buffer.from(`${chat.login.user}:${chat.login.password}`).toString('base64')}`,
		},
		body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput }),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`The chat message was refused: HTTP ${response.status} ${text}`);
	return JSON.parse(text) as Record<string, unknown>;
}

/** n8n answers a button opened by a bot (Node's own `User-Agent`) with an empty page and resumes nothing. */
const BROWSER_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

export class HostedChat {
	/** Every text frame n8n sent, heartbeats left out. */
	readonly frames: string[] = [];

	private closed = false;

	private constructor(socket: SocketLike) {
		socket.on('message', (data) => {
			const text = data.toString();
			// The page answers each heartbeat; without an answer n8n cancels the execution after 60 s.
			if (text === 'n8n|heartbeat') socket.send('n8n|heartbeat-ack');
			else this.frames.push(text);
		});
		socket.on('close', () => (this.closed = true));
	}

	/** Sends one message, as the chat page does, and opens the execution's websocket. */
	static async send(install: N8nInstall, chat: ChatAddress, sessionId: string, chatInput: string): Promise<HostedChat> {
		const { executionId, resumeToken } = (await postChatMessage(chat, sessionId, chatInput)) as { executionId: string; resumeToken: string };
		// The websocket client n8n itself ships (Node 20 has no WebSocket of its own).
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const WebSocket = require(join(install.folder, 'node_modules', 'ws')) as new (url: string) => SocketLike;
		const query = new URLSearchParams({ sessionId, executionId, isPublic: 'true', token: resumeToken });
		const socket = new WebSocket(`${chat.n8nUrl.replace(/^http/, 'ws')}/chat?${query.toString()}`);
		await new Promise<void>((resolve, reject) => {
			socket.on('open', resolve);
			socket.on('error', reject);
		});
		return new HostedChat(socket);
	}

	/** The next review request n8n shows in the chat. */
	async reviewRequest(timeoutMs: number): Promise<ChatButtons> {
		return await waitFor('a review request in the chat', timeoutMs, () => {
			for (const frame of this.frames) {
				const parsed = parseObject(frame);
				if (parsed?.type === 'with-buttons') {
					this.frames.splice(this.frames.indexOf(frame), 1);
					return parsed as unknown as ChatButtons;
				}
			}
			return undefined;
		});
	}

	/** Presses a review button: the GET the chat page makes, with a browser's User-Agent. */
	async press(buttons: ChatButtons, label: string): Promise<void> {
		const button = buttons.buttons.find((entry) => entry.text === label);
		if (!button) throw new Error(`No "${label}" button in ${JSON.stringify(buttons)}`);
		const response = await fetch(button.link, { headers: { 'user-agent': BROWSER_USER_AGENT } });
		if (!response.ok) throw new Error(`Pressing "${label}" failed: HTTP ${response.status}`);
		await response.text();
	}

	/** The texts the chat showed (the Reply node's), once n8n has closed the socket at the execution's end. */
	async replies(timeoutMs: number): Promise<string[]> {
		await waitFor('the end of the chat execution', timeoutMs, () => (this.closed ? true : undefined));
		return this.frames.filter((frame) => !frame.startsWith('n8n|') && parseObject(frame) === undefined);
	}
}

function parseObject(text: string): Record<string, unknown> | undefined {
	try {
		const parsed = JSON.parse(text) as unknown;
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}
