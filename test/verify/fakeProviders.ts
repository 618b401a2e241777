// A local stand-in for the providers: one HTTP server on 127.0.0.1 that records every request and
// answers what the test scripted. Each provider is reached under its own path prefix
// (KEYFENCE_ENDPOINT_OPENAI=http://127.0.0.1:<port>/openai), so the requests say who they were for.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtinRules } from '../../src/rules/index.js';
import { scanText } from '../../src/scanners.js';
import { providerChecks, endpointVariable } from '../../src/verify/providers.js';

export interface Recorded {
  endpoint: string;
  method: string;
  /** Path and query, without the endpoint prefix. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Scripted {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  /** Never answer (a timeout). */
  hang?: boolean;
}

export class FakeProviders {
  readonly requests: Recorded[] = [];
  connections = 0;
  answer: (request: Recorded) => Scripted = () => ({ status: 200, json: {} });
  private server = http.createServer((req, res) => this.handle(req, res));
  private hanging = new Set<http.ServerResponse>();

  async start(): Promise<this> {
    this.server.on('connection', () => this.connections++);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Every KEYFENCE_ENDPOINT_* pointed here, each under its own prefix. */
  env(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const check of providerChecks) env[endpointVariable(check)] = `${this.origin}/${check.endpoint}`;
    return env;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const [, endpoint = '', ...rest] = url.split('/');
      const recorded: Recorded = {
        endpoint,
        method: req.method ?? '',
        path: `/${rest.join('/')}`,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(recorded);
      const scripted = this.answer(recorded);
      if (scripted.hang) {
        this.hanging.add(res);
        return;
      }
      const isJson = scripted.json !== undefined;
      res.writeHead(scripted.status, { 'content-type': isJson ? 'application/json' : 'text/xml', ...scripted.headers });
      res.end(isJson ? JSON.stringify(scripted.json) : (scripted.text ?? ''));
    });
  }
}

/** A secret the rule finds in its own generated example (built at run time: no literal in git). */
export async function secretOf(ruleId: string): Promise<string> {
  const rule = builtinRules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  for (const text of rule.examples.positive()) {
    const result = await scanText(text, { file: rule.examples.file });
    const found = result.findings.find((f) => f.ruleId === ruleId);
    if (found) return found.secret;
  }
  throw new Error(`rule ${ruleId} finds none of its examples`);
}
