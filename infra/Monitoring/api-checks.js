// The synthetic API checks of multi-region-infra's canaries (CloudWatch Synthetics, Node.js runtime).
//
// What to request and what to expect comes from api-checks.json beside this file, which the program writes
// from the canary.checks configuration (infra/Monitoring/CanaryScript.cs). No request header and no response
// body is logged.
'use strict';

const https = require('https');
const synthetics = require('Synthetics');
const log = require('SyntheticsLogger');
const config = require('./api-checks.json');

// The steps make no pages, so no screenshots.
const stepConfig = { screenshotOnStepStart: false, screenshotOnStepSuccess: false, screenshotOnStepFailure: false };

// Node's https sends no User-Agent, and the edge's web ACL (AWS's common rule set) blocks requests without
// one: every request names the canary unless its check sets its own.
function send(step) {
  return new Promise((resolve, reject) => {
    const headers = Object.assign({}, step.headers);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'user-agent')) {
      headers['User-Agent'] = `multi-region-infra-canary/${config.canary}`;
    }
    const started = process.hrtime.bigint();
    const request = https.request(step.url, { method: step.method, headers, timeout: step.timeoutMs }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve({
        status: response.statusCode,
        body: Buffer.concat(chunks).toString('utf8'),
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      }));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${step.timeoutMs} ms`)));
    request.on('error', reject);
    if (step.body !== null) {
      request.write(step.body);
    }
    request.end();
  });
}

// A dotted path of names and array indices: items.0.id.
function field(document, path) {
  return path.split('.').reduce((value, part) => (value === null || value === undefined ? undefined : value[part]), document);
}

function problems(step, answer) {
  const found = [];
  if (answer.status !== step.status) {
    found.push(`status ${answer.status}, expected ${step.status}`);
  }
  if (answer.ms > step.latencyMs) {
    found.push(`took ${Math.round(answer.ms)} ms, the limit is ${step.latencyMs} ms`);
  }
  if (step.text !== null && !answer.body.includes(step.text)) {
    found.push(`the body lacks ${JSON.stringify(step.text)}`);
  }
  if (step.json.length > 0) {
    let document;
    try {
      document = JSON.parse(answer.body);
    } catch (error) {
      found.push('the body is not JSON');
      return found;
    }
    for (const expectation of step.json) {
      const value = field(document, expectation.path);
      if (value === undefined || value === null) {
        found.push(`the JSON field ${expectation.path} is missing`);
      } else if (expectation.expected !== null && String(value) !== expectation.expected) {
        found.push(`the JSON field ${expectation.path} is ${JSON.stringify(value)}, expected ${JSON.stringify(expectation.expected)}`);
      }
    }
  }
  return found;
}

// Every step runs, so one run reports every failing check; the run fails when any did.
exports.handler = async () => {
  const failed = [];
  for (const step of config.steps) {
    try {
      await synthetics.executeStep(step.name, async () => {
        const answer = await send(step);
        log.info(`${step.method} ${step.url}: ${answer.status} in ${Math.round(answer.ms)} ms`);
        const found = problems(step, answer);
        if (found.length > 0) {
          throw new Error(`${step.method} ${step.url}: ${found.join('; ')}`);
        }
      }, stepConfig);
    } catch (error) {
      failed.push(step.name);
      log.error(`${step.name}: ${error.message}`);
    }
  }
  if (failed.length > 0) {
    throw new Error(`${failed.length} of ${config.steps.length} checks failed: ${failed.join(', ')}`);
  }
};
