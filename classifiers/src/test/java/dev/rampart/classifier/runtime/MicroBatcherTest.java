package dev.rampart.classifier.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {

    @Test
    void should_run_a_lone_item_at_once_and_batch_the_items_that_waited_meanwhile() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test", 1, 8, 100, items -> {
            if (items.contains(0)) {
                firstStarted.countDown();
                await(release);
            }
            return items.stream().map(i -> i * 10).toList();
        }, sizes::add)) {
            CompletableFuture<Integer> first = batcher.submit(0);
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Integer>> waiting = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                waiting.add(batcher.submit(i));
            }
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
            for (int i = 0; i < waiting.size(); i++) {
                assertThat(waiting.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((i + 1) * 10);
            }
            assertThat(sizes).containsExactly(1, 8, 4);
        }
    }

    @Test
    void should_refuse_at_once_when_the_queue_is_full() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test", 1, 1, 2, items -> {
            started.countDown();
            await(release);
            return items;
        }, n -> { })) {
            CompletableFuture<Integer> running = batcher.submit(1);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Integer> queued1 = batcher.submit(2);
            CompletableFuture<Integer> queued2 = batcher.submit(3);
            CompletableFuture<Integer> refused = batcher.submit(4);
            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::get).hasCauseInstanceOf(RejectedExecutionException.class);
            release.countDown();
            assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(queued1.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(queued2.get(10, TimeUnit.SECONDS)).isEqualTo(3);
        }
    }

    @Test
    void should_fail_every_item_of_a_batch_that_throws_and_keep_working() throws Exception {
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test", 1, 4, 10, items -> {
            if (items.contains(-1)) {
                throw new IllegalStateException("boom");
            }
            return items;
        }, n -> { })) {
            CompletableFuture<Integer> bad = batcher.submit(-1);
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThat(batcher.submit(5).get(10, TimeUnit.SECONDS)).isEqualTo(5);
        }
    }

    @Test
    void should_fail_what_is_still_waiting_when_closed() {
        CountDownLatch release = new CountDownLatch(1);
        MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test", 1, 1, 10, items -> {
            await(release);
            return items;
        }, n -> { });
        batcher.submit(1);
        CompletableFuture<Integer> waiting = batcher.submit(2);
        batcher.close();
        release.countDown();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RejectedExecutionException.class);
        assertThat(batcher.submit(3)).isCompletedExceptionally();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
