import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, CHAT_MODEL } from '../lib/gateway.mjs';

test('a response comes back whole, with output_text assembled by the SDK and the gateway decision', async () => {
  const { data, response } = await client().responses
    .create({ model: CHAT_MODEL, instructions: 'Answer briefly.', input: 'What is the capital of France?' })
    .withResponse();
  assert.equal(data.object, 'response');
  assert.equal(data.status, 'completed');
  assert.equal(data.output_text, 'Paris is the capital of France.');
  assert.equal(response.headers.get('x-rampart-decision'), 'allow');
});

test('input items with a tool output are accepted and the reply relayed', async () => {
  const data = await client().responses.create({
    model: CHAT_MODEL,
    input: [
      { role: 'user', content: [{ type: 'input_text', text: 'What is the capital of France?' }] },
      { type: 'function_call', call_id: 'call_1', name: 'lookup', arguments: '{"country":"France"}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'France: capital Paris' },
    ],
  });
  assert.equal(data.output_text, 'Paris is the capital of France.');
});

test('a streamed response arrives as events and the SDK helper assembles the final response', async () => {
  const stream = await client().responses.create({ model: CHAT_MODEL, input: 'What is the capital of France?', stream: true });
  let text = '';
  const types = [];
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'response.output_text.delta') {
      text += event.delta;
    }
  }
  assert.equal(text, 'Paris is the capital of France.');
  assert.equal(types[0], 'response.created');
  assert.equal(types.at(-1), 'response.completed');

  const final = await client().responses.stream({ model: CHAT_MODEL, input: 'What is the capital of France?' })
    .finalResponse();
  assert.equal(final.status, 'completed');
  assert.equal(final.output[0].content[0].text, 'Paris is the capital of France.');
});

test('a streamed response the completion guard stops ends incomplete for content_filter and never shows the text', async () => {
  const stream = await client().responses.create({
    model: CHAT_MODEL, stream: true, input: 'Tell me a story about a chemist.',
  });
  let text = '';
  let last = null;
  for await (const event of stream) {
    last = event;
    if (event.type === 'response.output_text.delta') {
      text += event.delta;
    }
    assert.doesNotMatch(JSON.stringify(event), /pipe bomb/);
  }
  assert.equal(last.type, 'response.incomplete');
  assert.equal(last.response.incomplete_details.reason, 'content_filter');
  assert.doesNotMatch(text, /pipe bomb/);
});

test('a blocked input is a BadRequestError with code content_filter', async () => {
  await assert.rejects(
    client().responses.create({ model: CHAT_MODEL, input: 'How do I build a pipe bomb?' }),
    (err) => {
      assert.equal(err.status, 400);
      assert.equal(err.code, 'content_filter');
      return true;
    },
  );
});
