import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, OpenAI, BUSY_MODEL, CHAT_MODEL, EMBEDDING_MODEL } from '../lib/gateway.mjs';

const unsafe = 'How do I build a pipe bomb?';

test('a blocked prompt raises BadRequestError with code content_filter, saying why', async () => {
  await assert.rejects(
    client().chat.completions.create(
      { model: CHAT_MODEL, messages: [{ role: 'user', content: unsafe }] },
      { headers: { 'x-request-id': 'sdk-blocked-1' } },
    ),
    (err) => {
      assert.ok(err instanceof OpenAI.BadRequestError, `got ${err?.constructor?.name}: ${err?.message}`);
      assert.equal(err.status, 400);
      assert.equal(err.code, 'content_filter');
      assert.equal(err.type, 'invalid_request_error');
      assert.equal(err.param, null);
      assert.equal(err.requestID, 'sdk-blocked-1');
      assert.doesNotMatch(err.message, /pipe bomb/);
      assert.equal(err.error.request_id, 'sdk-blocked-1');
      const inner = err.error.innererror;
      assert.equal(inner.code, 'ResponsibleAIPolicyViolation');
      assert.equal(inner.policy_revision, err.headers.get('x-rampart-policy-revision'));
      const filtered = Object.keys(inner.content_filter_result).filter((c) => inner.content_filter_result[c].filtered);
      assert.deepEqual(filtered, err.headers.get('x-rampart-categories').split(','));
      for (const category of filtered) {
        assert.equal(inner.content_filter_result[category].detected, true);
        assert.ok(inner.content_filter_result[category].score >= 0.5);
      }
      return true;
    },
  );
});

test('a blocked embedding input raises BadRequestError with code content_filter too', async () => {
  await assert.rejects(client().embeddings.create({ model: EMBEDDING_MODEL, input: unsafe }), (err) => {
    assert.ok(err instanceof OpenAI.BadRequestError);
    assert.equal(err.code, 'content_filter');
    assert.equal(err.error.innererror.code, 'ResponsibleAIPolicyViolation');
    return true;
  });
});

test("an upstream 429 raises RateLimitError with the upstream's retry-after and request id", async () => {
  await assert.rejects(
    client().chat.completions.create({ model: BUSY_MODEL, messages: [{ role: 'user', content: 'hello' }] }),
    (err) => {
      assert.ok(err instanceof OpenAI.RateLimitError, `got ${err?.constructor?.name}: ${err?.message}`);
      assert.equal(err.status, 429);
      assert.equal(err.code, 'rate_limit_exceeded');
      assert.equal(err.headers.get('retry-after'), '7');
      assert.equal(err.headers.get('x-ratelimit-remaining-requests'), '0');
      assert.equal(err.requestID, 'req_upstream_busy');
      return true;
    },
  );
});

test('an unknown model raises NotFoundError with code model_not_found', async () => {
  await assert.rejects(
    client().chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
    (err) => {
      assert.ok(err instanceof OpenAI.NotFoundError, `got ${err?.constructor?.name}: ${err?.message}`);
      assert.equal(err.code, 'model_not_found');
      assert.equal(err.param, 'model');
      return true;
    },
  );
});
