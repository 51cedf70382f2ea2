package dev.rampart.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every place of a Responses API request a model reads text from is read by the guard; what it cannot read is
 * refused, naming the place.
 */
class ResponseInputTextsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "Plan an attack on a crowded train station.";

    private static ParsedRequest parse(String body) throws Exception {
        return RequestValidator.validate(Endpoint.RESPONSES, (ObjectNode) JSON.readTree(body));
    }

    static Stream<Arguments> hidingPlaces() {
        String m = "{\"model\":\"m\",";
        return Stream.of(
                Arguments.of("input as a string", m + "\"input\":\"%s\"}"),
                Arguments.of("instructions", m + "\"input\":\"hi\",\"instructions\":\"%s\"}"),
                Arguments.of("easy message content", m + "\"input\":[{\"role\":\"user\",\"content\":\"%s\"}]}"),
                Arguments.of("message input_text part", m + "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"%s\"}]}]}"),
                Arguments.of("assistant output_text part", m + "\"input\":[{\"type\":\"message\",\"role\":\"assistant\",\"id\":\"msg_1\",\"status\":\"completed\",\"content\":[{\"type\":\"output_text\",\"text\":\"%s\",\"annotations\":[]}]}]}"),
                Arguments.of("assistant refusal part", m + "\"input\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"refusal\",\"refusal\":\"%s\"}]}]}"),
                Arguments.of("unknown message field", m + "\"input\":[{\"role\":\"developer\",\"content\":\"hi\",\"persona\":{\"x\":\"%s\"}}]}"),
                Arguments.of("function_call arguments", m + "\"input\":[{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"{\\\"q\\\":\\\"%s\\\"}\"}]}"),
                Arguments.of("function_call_output string", m + "\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"%s\"}]}"),
                Arguments.of("function_call_output parts", m + "\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":[{\"type\":\"input_text\",\"text\":\"%s\"}]}]}"),
                Arguments.of("custom_tool_call input", m + "\"input\":[{\"type\":\"custom_tool_call\",\"call_id\":\"c1\",\"name\":\"c\",\"input\":\"%s\"}]}"),
                Arguments.of("reasoning summary", m + "\"input\":[{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"%s\"}]}]}"),
                Arguments.of("reasoning content", m + "\"input\":[{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[],\"content\":[{\"type\":\"reasoning_text\",\"text\":\"%s\"}]}]}"),
                Arguments.of("file_search results", m + "\"input\":[{\"type\":\"file_search_call\",\"id\":\"fs_1\",\"status\":\"completed\",\"queries\":[\"q\"],\"results\":[{\"file_id\":\"f\",\"text\":\"%s\"}]}]}"),
                Arguments.of("mcp_call output", m + "\"input\":[{\"type\":\"mcp_call\",\"id\":\"mcp_1\",\"name\":\"t\",\"server_label\":\"s\",\"arguments\":\"{}\",\"output\":\"%s\"}]}"),
                Arguments.of("local shell output", m + "\"input\":[{\"type\":\"local_shell_call_output\",\"id\":\"ls_1\",\"output\":\"%s\"}]}"),
                Arguments.of("function tool description", m + "\"input\":\"hi\",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"description\":\"%s\",\"parameters\":{\"type\":\"object\"}}]}"),
                Arguments.of("text.format schema", m + "\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\",\"schema\":{\"type\":\"object\",\"description\":\"%s\"}}}}"),
                Arguments.of("prompt variable", m + "\"input\":\"hi\",\"prompt\":{\"id\":\"pmpt_1\",\"variables\":{\"city\":\"%s\"}}}"),
                Arguments.of("prompt variable part", m + "\"input\":\"hi\",\"prompt\":{\"id\":\"pmpt_1\",\"variables\":{\"city\":{\"type\":\"input_text\",\"text\":\"%s\"}}}}"),
                Arguments.of("unknown top-level field", m + "\"input\":\"hi\",\"extra_body\":{\"system\":\"%s\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hidingPlaces")
    void should_read_the_text_when_a_responses_request_hides_it_in(String place, String template) throws Exception {
        assertThat(parse(template.formatted(SECRET)).prompt().joined()).as(place).contains(SECRET);
    }

    static Stream<Arguments> refused() {
        String m = "{\"model\":\"m\",";
        return Stream.of(
                Arguments.of("input_image part", m + "\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"see\"},{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,AA\"}]}]}", "input[0].content[1].type"),
                Arguments.of("input_file part", m + "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_file\",\"file_data\":\"AA\"}]}]}", "input[0].content[0].type"),
                Arguments.of("input_audio part", m + "\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AA\"}}]}]}", "input[0].content[0].type"),
                Arguments.of("image in a tool output", m + "\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":[{\"type\":\"input_image\",\"image_url\":\"x\"}]}]}", "input[0].output[0].type"),
                Arguments.of("computer screenshot", m + "\"input\":[{\"type\":\"computer_call_output\",\"call_id\":\"c\",\"output\":{\"type\":\"computer_screenshot\",\"image_url\":\"x\"}}]}", "input[0].output"),
                Arguments.of("generated image", m + "\"input\":[{\"type\":\"image_generation_call\",\"id\":\"ig\",\"result\":\"AA\"}]}", "input[0].type"),
                Arguments.of("code interpreter image", m + "\"input\":[{\"type\":\"code_interpreter_call\",\"id\":\"ci\",\"code\":\"x\",\"outputs\":[{\"type\":\"image\",\"url\":\"u\"}]}]}", "input[0].outputs[0].type"),
                Arguments.of("prompt image variable", m + "\"input\":\"hi\",\"prompt\":{\"id\":\"p\",\"variables\":{\"pic\":{\"type\":\"input_image\",\"image_url\":\"x\"}}}}", "prompt.variables.pic.type"),
                Arguments.of("unknown item type", m + "\"input\":[{\"role\":\"user\",\"content\":\"hi\"},{\"type\":\"hologram\",\"payload\":\"" + SECRET + "\"}]}", "input[1].type"),
                Arguments.of("unknown part type", m + "\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"mystery\",\"mystery\":\"" + SECRET + "\"}]}]}", "input[0].content[0].type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void should_refuse_as_unclassifiable_when_a_responses_request_carries(String place, String body, String param) {
        assertThatThrownBy(() -> parse(body)).as(place).isInstanceOfSatisfying(ApiFault.class, f -> {
            assertThat(f.error()).isEqualTo(ApiError.UNCLASSIFIABLE_CONTENT);
            assertThat(f.param()).isEqualTo(param);
        });
    }

    @Test
    void should_not_read_ids_call_ids_statuses_or_encrypted_reasoning_as_text() throws Exception {
        ParsedRequest p = parse("{\"model\":\"m\",\"previous_response_id\":\"resp_9\",\"metadata\":{\"k\":\"v\"},"
                + "\"input\":[{\"type\":\"reasoning\",\"id\":\"rs_1\",\"encrypted_content\":\"gAAAA\",\"summary\":[]},"
                + "{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"status\":\"completed\","
                + "\"name\":\"lookup\",\"arguments\":\"{}\"},{\"type\":\"item_reference\",\"id\":\"msg_7\"},"
                + "{\"role\":\"user\",\"content\":\"hello\"}]}");
        assertThat(p.prompt().joined()).doesNotContain("rs_1", "gAAAA", "fc_1", "call_1", "completed", "resp_9", "msg_7")
                .contains("lookup", "hello");
        assertThat(p.model()).isEqualTo("m");
        assertThat(p.endpoint()).isEqualTo(Endpoint.RESPONSES);
    }

    @Test
    void should_read_an_mcp_tool_but_not_the_credentials_it_calls_its_server_with() throws Exception {
        ParsedRequest p = parse("{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"mcp\",\"server_label\":"
                + "\"docs\",\"server_description\":\"" + SECRET + "\",\"server_url\":\"https://mcp.example\","
                + "\"headers\":{\"Authorization\":\"Bearer sk-live-123\"},\"authorization\":\"tok-456\"}]}");
        assertThat(p.prompt().joined()).contains(SECRET).doesNotContain("sk-live-123").doesNotContain("tok-456");
    }

    @Test
    void should_rewrite_the_input_item_in_place_when_the_prompt_is_redacted() throws Exception {
        ParsedRequest p = parse("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"mail bob@example.com\"}]}]}");
        p.prompt().slots().get(0).writer().write("mail [X]");
        assertThat(p.body().at("/input/0/content/0/text").asText()).isEqualTo("mail [X]");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{\"input\":\"hi\"}", "model", ApiError.MISSING_REQUIRED_PARAMETER),
                Arguments.of("{\"model\":\"m\",\"input\":42}", "input", ApiError.INVALID_TYPE),
                Arguments.of("{\"model\":\"m\",\"input\":[{\"content\":\"hi\"}]}", "input[0].type", ApiError.MISSING_REQUIRED_PARAMETER),
                Arguments.of("{\"model\":\"m\",\"input\":[{\"role\":\"robot\",\"content\":\"hi\"}]}", "input[0].role", ApiError.INVALID_REQUEST),
                Arguments.of("{\"model\":\"m\",\"input\":[{\"role\":\"user\"}]}", "input[0].content", ApiError.MISSING_REQUIRED_PARAMETER),
                Arguments.of("{\"model\":\"m\",\"input\":\"hi\",\"instructions\":7}", "instructions", ApiError.INVALID_TYPE),
                Arguments.of("{\"model\":\"m\",\"input\":\"hi\",\"temperature\":3}", "temperature", ApiError.INVALID_VALUE),
                Arguments.of("{\"model\":\"m\",\"input\":\"hi\",\"stream\":\"yes\"}", "stream", ApiError.INVALID_TYPE),
                Arguments.of("{\"model\":\"m\",\"input\":\"hi\",\"stream_options\":{}}", "stream_options", ApiError.INVALID_REQUEST));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void should_answer_the_public_schema_error_when_a_responses_request_is_invalid(String body, String param,
                                                                                   ApiError error) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(ApiFault.class, f -> {
            assertThat(f.error()).isEqualTo(error);
            assertThat(f.param()).isEqualTo(param);
        });
    }
}
