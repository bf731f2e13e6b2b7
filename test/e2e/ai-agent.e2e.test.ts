/**
 * The AI chat examples in a real n8n (`n8n start`), chatted with as n8n's hosted chat does, with a
 * scripted OpenAI-compatible model behind n8n's OpenAI Chat Model: what the model is given (tool
 * names, descriptions, argument schemas, tool results and their sizes), the requests the
 * simulator gets (each change once; with the receptionist, a transfer or a text only after a
 * person pressed Approve in the chat and none after Decline), an error the model can act on, and
 * no secret in anything the model receives. The supervisor runs on every pin; the receptionist on
 * 2.x (human review of tools is 2.x's).
 */
import type { SessionInfo } from '../../nodes/EvoVoice/transport/dto';
import type { Simulator } from '../simulator/server';
import { waitFor } from './executions';
import type { WorkflowJson } from './fixtures';
import { LOCAL_CHAT_LOGIN, packagedN8nWithSimulator, readExamples, signInSecrets } from './fixtures';
import type { ChatAddress } from './hosted-chat';
import { HostedChat, postChatMessage } from './hosted-chat';
import type { N8nInstall, N8nInstance, RunningN8n } from './n8n';
import { selectedPin } from './n8n';
import type { ChatCompletionRequest, ScriptedModel } from './scripted-model';
import { lastToolResult, scriptedModelCredential, startScriptedModel } from './scripted-model';

const examples = readExamples();
const RECEPTIONIST = examples.find((workflow) => workflow.id === 'evoExAiRecept01')!;
const SUPERVISOR = examples.find((workflow) => workflow.id === 'evoExAiAgent001')!;
/** The 1.x pin has the AI Agent and the chat, but no human review of tools. */
const HAS_REVIEW = selectedPin() !== 'n8n-1x';
const PUBLISHED = HAS_REVIEW ? [SUPERVISOR, RECEPTIONIST] : [SUPERVISOR];

function chatWebhookId(workflow: WorkflowJson): string {
	const trigger = workflow.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger') as { webhookId?: string } | undefined;
	return trigger!.webhookId!;
}

/** The credential the example's chat model names, pointed here at the scripted model. */
const OPENAI_CREDENTIAL = { id: 'openAiAccount', name: 'OpenAI account' };

let install: N8nInstall;
let simulator: Simulator;
let instance: N8nInstance;
let n8n: RunningN8n;
let model: ScriptedModel;

/** Generous for a busy 2-core machine: each step is a model turn and a tool run inside n8n. */
const STEP_TIMEOUT_MS = 120_000;

function chatOf(workflow: WorkflowJson): ChatAddress {
	return { n8nUrl: n8n.url, webhookId: chatWebhookId(workflow), login: LOCAL_CHAT_LOGIN };
}

/** One chat message to the receptionist, as n8n's hosted chat sends it. */
async function chat(chatInput: string, sessionId: string): Promise<HostedChat> {
	return await HostedChat.send(install, chatOf(RECEPTIONIST), sessionId, chatInput);
}

/** Where this test's requests start in the simulator's list. */
let firstRequest = 0;

/** The changes asked of Evo Voice since the test began (the simulator keeps its sign-ins, so none is refused). */
const changeRequests = () =>
	simulator.requests.slice(firstRequest).filter((request) => request.method !== 'GET' && !request.rawPath.startsWith('/auth'));

/** A live voice call in the queue, not yet answered: the one a receptionist would hold or transfer. */
const waitingCaller = (): SessionInfo =>
	[...simulator.sessions.values()].find((session) => !session.ended && session.channel === 'Voice' && session.queueState === 'Queued')!;

beforeEach(() => {
	firstRequest = simulator.requests.length;
});

beforeAll(async () => {
	model = await startScriptedModel();
	({ install, simulator, instance } = await packagedN8nWithSimulator({
		moreCredentials: () => [scriptedModelCredential(OPENAI_CREDENTIAL, model)],
	}));
	await instance.importWorkflows(PUBLISHED);
	for (const workflow of PUBLISHED) await instance.publishWorkflow(workflow.id);
	n8n = await instance.start();
	// Activation is asynchronous in n8n 2.40+: wait until each chat's path is there.
	for (const workflow of PUBLISHED) {
		await waitFor(`the chat of "${workflow.name}"`, 180_000, async () => {
			const response = await fetch(`${n8n.url}/webhook/${chatWebhookId(workflow)}/chat`);
			return response.status !== 404 ? true : undefined;
		});
	}
});

afterAll(async () => {
	await n8n?.stop();
	await model?.close();
	await simulator?.close();
	instance?.remove();
});

describe('the supervisor agent with a scripted model', () => {
	it('lists the live sessions, reads a chat\'s transcript and answers in it once', async () => {
		const liveChat = [...simulator.sessions.values()].find((session) => !session.ended && session.channel === 'Chat')!;
		const answer = 'Thanks for waiting: your order ships today.';
		let firstModelRequest: ChatCompletionRequest | undefined;
		let transcript = '';
		const from = model.requests.length;
		model.script([
			(request) => {
				firstModelRequest = request;
				return { toolCalls: [{ name: 'Get_Active_Sessions', arguments: {} }] };
			},
			(request) => {
				const sessions = JSON.parse(lastToolResult(request) || '[]') as Array<{ id: string; channel: string }>;
				const chatId = sessions.find((session) => session.id === liveChat.id)?.id ?? '';
				return { toolCalls: [{ name: 'Get_Chat_Transcript', arguments: { sessionId: chatId } }] };
			},
			(request) => {
				transcript = lastToolResult(request);
				return { toolCalls: [{ name: 'Send_Chat_Message', arguments: { sessionId: liveChat.id, message: answer } }] };
			},
			() => ({ text: 'I answered the chat.' }),
		]);

		const reply = await postChatMessage(chatOf(SUPERVISOR), 'chat-supervisor', 'Answer the waiting chat: the order ships today.');

		expect(reply).toMatchObject({ output: 'I answered the chat.' });
		expect(model.requests.length - from).toBe(4);
		const tools = Object.fromEntries((firstModelRequest?.tools ?? []).map((tool) => [tool.function.name, tool.function]));
		expect(Object.keys(tools).sort()).toEqual(['Get_Active_Sessions', 'Get_Chat_Transcript', 'Get_Session', 'Send_Chat_Message', 'Transfer_Call']);
		expect(tools.Send_Chat_Message.description).toBe('Send a text message into a live chat in Evo Voice');
		expect(tools.Send_Chat_Message.parameters?.required?.sort()).toEqual(['message', 'sessionId']);
		// The transcript as a model reads it: date, sender and text of each message, nothing empty.
		const [{ messages }] = JSON.parse(transcript) as Array<{ messages: Array<Record<string, string>> }>;
		expect(messages.length).toBeGreaterThan(0);
		for (const message of messages) expect(Object.keys(message).sort()).toEqual(['body', 'date', 'from']);
		expect(changeRequests().map((request) => [request.rawPath, request.body])).toEqual([
			[`/sessions/${encodeURIComponent(liveChat.id)}/messages`, expect.objectContaining({ body: answer })],
		]);
		for (const secret of signInSecrets(simulator)) for (const body of model.rawBodies) expect(body).not.toContain(secret);
	});
});

(HAS_REVIEW ? describe : describe.skip)('the AI receptionist with a scripted model', () => {
	let firstModelRequest: ChatCompletionRequest;

	it('gets the active sessions, holds the waiting caller once, and answers in the chat', async () => {
		const caller = waitingCaller();
		let sessionsResult = '';
		let holdResult = '';
		model.script([
			(request) => {
				firstModelRequest = request;
				return { toolCalls: [{ name: 'Get_Active_Sessions', arguments: {} }] };
			},
			(request) => {
				sessionsResult = lastToolResult(request);
				const sessions = JSON.parse(sessionsResult) as Array<{ id: string }>;
				return { toolCalls: [{ name: 'Hold_Call', arguments: { sessionId: sessions.find((session) => session.id === caller.id)?.id ?? '' } }] };
			},
			(request) => {
				holdResult = lastToolResult(request);
				return { text: `${caller.fromName ?? 'The caller'} is on hold.` };
			},
		]);

		const from = model.requests.length;
		const conversation = await chat('Who is waiting? Put the waiting caller on hold.', 'chat-hold');

		expect(await conversation.replies(STEP_TIMEOUT_MS)).toEqual([`${caller.fromName ?? 'The caller'} is on hold.`]);
		expect(model.requests.length - from).toBe(3);
		// Each tool named after its node, described by its operation's action, its arguments from $fromAI.
		const tools = Object.fromEntries((firstModelRequest.tools ?? []).map((tool) => [tool.function.name, tool.function]));
		expect(Object.keys(tools).sort()).toEqual(['Get_Active_Sessions', 'Hold_Call', 'Text_Caller', 'Transfer_Call']);
		expect(tools.Hold_Call.description).toBe('Put a live call on hold in Evo Voice');
		expect(tools.Hold_Call.parameters).toMatchObject({
			properties: { sessionId: { type: 'string', description: expect.stringContaining('Get Active Sessions') } },
			required: ['sessionId'],
		});
		expect(Object.keys(tools.Get_Active_Sessions.parameters?.properties ?? {})).toEqual([]);
		// A tool behind human review takes its own arguments as toolParameters.
		expect(tools.Transfer_Call.description).toBe('Transfer a live call to a number or user now in Evo Voice');
		expect(tools.Transfer_Call.parameters).toMatchObject({ properties: { toolParameters: { required: ['sessionId', 'destination'] } } });
		expect(tools.Text_Caller.parameters).toMatchObject({ properties: { toolParameters: { required: ['toNumber', 'text'] } } });
		// Lean results: under 300 characters a live session, under 1,000 for the Hold.
		const sessions = JSON.parse(sessionsResult) as SessionInfo[];
		const live = [...simulator.sessions.values()].filter((session) => !session.ended);
		expect(sessions.map((session) => session.id).sort()).toEqual(live.map((session) => session.id).sort());
		for (const session of sessions) expect(JSON.stringify(session).length).toBeLessThan(300);
		expect(holdResult.length).toBeLessThan(1000);
		expect(JSON.parse(holdResult)).toEqual([expect.objectContaining({ id: caller.id })]);
		// The one change: HoldSession for that caller, once.
		expect(changeRequests().map((request) => `${request.method} ${request.rawPath}`)).toEqual([
			`POST /sessions/${encodeURIComponent(caller.id)}/hold`,
		]);
		for (const secret of signInSecrets(simulator)) for (const body of model.rawBodies) expect(body).not.toContain(secret);
	});

	it('a bad session ID: the model gets Evo Voice\'s message and what to do, and can answer', async () => {
		const sent = model.requests.length;
		let errorResult = '';
		model.script([
			() => ({ toolCalls: [{ name: 'Hold_Call', arguments: { sessionId: 'ses-does-not-exist' } }] }),
			(request) => {
				errorResult = lastToolResult(request);
				return { text: 'I could not find that call.' };
			},
		]);

		const conversation = await chat('Hold call ses-does-not-exist', 'chat-bad-id');

		expect(await conversation.replies(STEP_TIMEOUT_MS)).toEqual(['I could not find that call.']);
		expect(model.requests.length - sent).toBe(2);
		// Agent 3.x hands the model the error's message only: Evo Voice's own text and the hint are in it.
		const [{ error }] = JSON.parse(errorResult) as Array<{ error: string }>;
		expect(error).toContain("Session 'ses-does-not-exist' does not exist [HTTP 404");
		expect(error).toContain('take it from what a list tool returned (a live call\'s session ID from Get Active Sessions)');
		expect(changeRequests()).toHaveLength(1);
		for (const secret of signInSecrets(simulator)) for (const body of model.rawBodies) expect(body).not.toContain(secret);
	});

	it('Transfer waits for Approve in the chat, then transfers once', async () => {
		const caller = simulator.addSession({ channel: 'Voice', fromName: 'Grace Hopper', fromAddress: '+15555550177' });
		let transferResult = '';
		model.script([
			() => ({ toolCalls: [{ name: 'Transfer_Call', arguments: { toolParameters: { sessionId: caller.id, destination: '+15555550123' }, hitlParameters: {} } }] }),
			(request) => {
				transferResult = lastToolResult(request);
				return { text: 'Transferred to +15555550123.' };
			},
		]);

		const conversation = await chat(`Transfer ${caller.id} to +15555550123`, 'chat-transfer');
		const review = await conversation.reviewRequest(STEP_TIMEOUT_MS);

		expect(review.text).toBe(`Transfer call ${caller.id} to +15555550123?`);
		expect(review.buttons.map((button) => button.text)).toEqual(['Approve', 'Decline']);
		// Nothing is sent while the person decides.
		expect(changeRequests()).toEqual([]);
		await conversation.press(review, 'Approve');

		expect(await conversation.replies(STEP_TIMEOUT_MS)).toEqual(['Transferred to +15555550123.']);
		const transfers = changeRequests();
		expect(transfers.map((request) => `${request.method} ${request.rawPath}`)).toEqual([`POST /sessions/${encodeURIComponent(caller.id)}/redirect`]);
		expect(transfers[0].body).toMatchObject({ destination: '+15555550123' });
		expect(transferResult.length).toBeLessThan(1000);
		expect(JSON.parse(transferResult)).toEqual([expect.objectContaining({ id: caller.id })]);
		for (const secret of signInSecrets(simulator)) for (const body of model.rawBodies) expect(body).not.toContain(secret);
	});

	it('a text waits for Approve and is sent once; after Decline nothing is sent and the model is told', async () => {
		const texts = () => changeRequests().filter((request) => request.rawPath === '/messages');
		const textCaller = { toolParameters: { toNumber: '+15555550142', text: 'We will call you back in ten minutes.' }, hitlParameters: {} };
		let declined = '';
		model.script([
			() => ({ toolCalls: [{ name: 'Text_Caller', arguments: textCaller }] }),
			() => ({ text: 'Texted.' }),
			() => ({ toolCalls: [{ name: 'Text_Caller', arguments: textCaller }] }),
			(request) => {
				declined = lastToolResult(request);
				return { text: 'Not texted.' };
			},
		]);

		const approved = await chat('Text +15555550142 that we will call back in ten minutes', 'chat-text');
		const review = await approved.reviewRequest(STEP_TIMEOUT_MS);
		expect(review.text).toBe('Text +15555550142: "We will call you back in ten minutes."?');
		expect(texts()).toEqual([]);
		await approved.press(review, 'Approve');
		expect(await approved.replies(STEP_TIMEOUT_MS)).toEqual(['Texted.']);
		expect(texts().map((request) => request.body)).toEqual([
			expect.objectContaining({ toAddress: '+15555550142', body: 'We will call you back in ten minutes.', endpointId: 'end-main-line' }),
		]);

		const refused = await chat('Text them again', 'chat-text-declined');
		await refused.press(await refused.reviewRequest(STEP_TIMEOUT_MS), 'Decline');
		expect(await refused.replies(STEP_TIMEOUT_MS)).toEqual(['Not texted.']);
		expect(texts()).toHaveLength(1);
		expect(declined).toContain('User rejected the tool call to Text Caller');
	});
});
