import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, CHAT_MODEL } from '../lib/gateway.mjs';

const question = [{ role: 'user', content: 'What is the capital of France?' }];

test('a chat completion comes back whole, with the gateway decision and the ids', async () => {
  const { data, response } = await client().chat.completions
    .create({ model: CHAT_MODEL, messages: question }, { headers: { 'x-request-id': 'sdk-chat-1' } })
    .withResponse();
  assert.equal(data.object, 'chat.completion');
  assert.equal(data.choices[0].message.content, 'Paris is the capital of France.');
  assert.equal(data.choices[0].finish_reason, 'stop');
  assert.equal(response.headers.get('x-rampart-decision'), 'allow');
  assert.equal(response.headers.get('x-rampart-request-id'), 'sdk-chat-1'); // the client's id, honoured
  assert.equal(data._request_id, 'req_upstream_chat'); // the upstream's x-request-id, relayed
});

test('a streamed chat completion arrives chunk by chunk and ends with stop', async () => {
  const stream = await client().chat.completions.create({ model: CHAT_MODEL, messages: question, stream: true });
  let text = '';
  let finish = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    assert.equal(chunk.object, 'chat.completion.chunk');
    for (const choice of chunk.choices) {
      text += choice.delta?.content ?? '';
      finish = choice.finish_reason ?? finish;
    }
  }
  assert.ok(chunks >= 3, `expected several chunks, got ${chunks}`);
  assert.equal(text, 'Paris is the capital of France.');
  assert.equal(finish, 'stop');
});

test("the SDK's stream helper assembles the final message", async () => {
  const runner = client().chat.completions.stream({ model: CHAT_MODEL, messages: question });
  const final = await runner.finalChatCompletion();
  assert.equal(final.choices[0].message.content, 'Paris is the capital of France.');
  assert.equal(final.choices[0].finish_reason, 'stop');
});

test('a streamed reply the completion guard stops ends with content_filter and never shows the text', async () => {
  const stream = await client().chat.completions.create({
    model: CHAT_MODEL, stream: true, messages: [{ role: 'user', content: 'Tell me a story about a chemist.' }],
  });
  let text = '';
  let finish = null;
  for await (const chunk of stream) {
    for (const choice of chunk.choices) {
      text += choice.delta?.content ?? '';
      finish = choice.finish_reason ?? finish;
    }
  }
  assert.equal(finish, 'content_filter');
  assert.doesNotMatch(text, /pipe bomb/);
});
