package dev.rampart.classifier.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {
    private static final WordPieceTokenizer MINILM = SentenceEncoder.tokenizer(SentenceEncoder.MINILM_TOKENIZER);

    @Test
    void should_split_words_and_punctuation_and_lower_case_them() {
        assertThat(MINILM.tokens("Hello, World!")).containsExactly("hello", ",", "world", "!");
    }

    @Test
    void should_split_unknown_words_into_word_pieces() {
        assertThat(MINILM.tokens("unaffable")).containsExactly("una", "##ffa", "##ble");
    }

    @Test
    void should_strip_accents_and_drop_control_characters() {
        assertThat(MINILM.tokens("Café\u0007 naïve")).containsExactly("cafe", "naive");
    }

    @Test
    void should_isolate_cjk_characters() {
        assertThat(MINILM.tokens("ab中文")).hasSize(3).startsWith("ab");
    }

    @Test
    void should_map_overlong_words_to_unk() {
        assertThat(MINILM.tokens("x".repeat(101))).containsExactly("[UNK]");
    }

    @Test
    void should_use_the_vocabulary_ids_of_the_bundled_tokenizer() {
        assertThat(MINILM.vocabularySize()).isEqualTo(30522);
        assertThat(MINILM.clsId()).isEqualTo(101);
        assertThat(MINILM.sepId()).isEqualTo(102);
        assertThat(MINILM.encode("hello")).containsExactly(7592);
    }

    @Test
    void should_refuse_a_tokenizer_that_is_not_word_piece() {
        String bpe = "{\"model\":{\"type\":\"BPE\",\"vocab\":{}}}";
        assertThatThrownBy(() -> WordPieceTokenizer.fromJson(new ByteArrayInputStream(bpe.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("model.type must be WordPiece");
    }
}
