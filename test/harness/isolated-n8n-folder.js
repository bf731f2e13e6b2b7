// n8n-core writes its settings and encryption key under $N8N_USER_FOLDER/.n8n on first use:
// give every test run a throwaway folder instead of the developer's home.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'evovoice-n8n-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// Failing runs are expected in tests; n8n's logger would print each one.
process.env.N8N_LOG_LEVEL = 'silent';
