package dev.rampart.classifier.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenWindowsTest {

    @Test
    void should_keep_a_short_text_in_one_window_with_special_tokens() {
        List<int[]> windows = new TokenWindows(10, 2, 4).split(new int[] {5, 6, 7}, 101, 102);
        assertThat(windows).hasSize(1);
        assertThat(windows.get(0)).containsExactly(101, 5, 6, 7, 102);
    }

    @Test
    void should_overlap_windows_so_a_phrase_on_a_boundary_is_whole_in_one_of_them() {
        int[] ids = IntStream.range(0, 20).toArray();
        List<int[]> windows = new TokenWindows(10, 3, 10).split(ids, -1, -2);
        // body 8 tokens, stride 5: starts 0, 5, 10, 15 (15 + 8 >= 20)
        assertThat(windows).hasSize(4);
        assertThat(windows.get(1)).containsExactly(-1, 5, 6, 7, 8, 9, 10, 11, 12, -2);
        assertThat(windows.get(3)).containsExactly(-1, 15, 16, 17, 18, 19, -2);
        for (int start = 0; start + 3 <= 20; start++) { // every 3-token phrase lies whole in some window
            int s = start;
            assertThat(windows.stream().anyMatch(w -> contains(w, s) && contains(w, s + 2))).as("phrase at " + s).isTrue();
        }
    }

    @Test
    void should_return_every_window_of_a_long_text_so_no_token_is_skipped() {
        int[] ids = IntStream.range(0, 10_000).toArray();
        List<int[]> windows = new TokenWindows(10, 0, TokenWindows.UNLIMITED).split(ids, -1, -2);
        assertThat(windows).hasSize(1_250);
        assertThat(windows.stream().mapToInt(w -> w.length - 2).sum()).isEqualTo(10_000);
    }

    @Test
    void should_refuse_a_text_needing_more_windows_than_allowed_rather_than_sample_it() {
        int[] ids = IntStream.range(0, 10_000).toArray();
        assertThatThrownBy(() -> new TokenWindows(10, 0, 3).split(ids, -1, -2))
                .isInstanceOf(TokenWindows.TooManyWindows.class)
                .hasMessageContaining("1250 windows, more than max_windows 3");
        List<int[]> sentences = IntStream.range(0, 10).mapToObj(i -> new int[] {i}).toList();
        assertThatThrownBy(() -> new TokenWindows(10, 0, 3).splitSentences(sentences, -1, -2, 2))
                .isInstanceOf(TokenWindows.TooManyWindows.class);
    }

    @Test
    void should_refuse_an_overlap_as_long_as_the_window() {
        assertThatThrownBy(() -> new TokenWindows(10, 8, 1)).hasMessageContaining("overlap");
    }

    private static boolean contains(int[] window, int id) {
        for (int i = 1; i < window.length - 1; i++) {
            if (window[i] == id) {
                return true;
            }
        }
        return false;
    }
}
