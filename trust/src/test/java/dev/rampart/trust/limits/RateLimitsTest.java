package dev.rampart.trust.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.trust.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Limits per scope and tier, with embedded counters and a fixed clock. */
class RateLimitsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.250Z");
    private static final Caller ALICE = new Caller("key:app", "clinic", "app", Map.of(), false, "alice");
    private static final Caller BOB = new Caller("key:app", "clinic", "app", Map.of(), false, "bob");

    private static LimitsConfig limits() {
        return LimitsConfig.parse(Map.of("subject", Map.of(
                "tier0", Map.of("requests_per_s", 2, "concurrent", 1),
                "tier3", Map.of("requests_per_s", 5)))).config();
    }

    private static RateLimits at(Instant now, LimitsConfig config) {
        return new RateLimits(config, new EmbeddedRateCounters(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Admission admit(RateLimits l, Caller c, int tier, String id) {
        return l.admit(c, tier, id).toCompletableFuture().join();
    }

    @Test
    void should_allow_the_tiers_requests_per_second_then_answer_limited_until_the_window_resets() {
        LimitsConfig config = limits();
        RateLimits l = at(T0, config);
        for (int i = 0; i < 5; i++) {
            Admission a = admit(l, ALICE, 3, "r" + i);
            assertThat(a).as("request %d", i).isInstanceOf(Admission.Allowed.class);
            ((Admission.Allowed) a).release().run();
        }
        Admission over = admit(l, ALICE, 3, "r5");
        assertThat(over).isInstanceOfSatisfying(Admission.Limited.class, lim -> {
            assertThat(lim.scope()).isEqualTo(Scope.SUBJECT);
            assertThat(lim.kind()).isEqualTo("requests");
            assertThat(lim.retryAfterMs()).isEqualTo(750);
            assertThat(lim.quota().limit()).isEqualTo(5);
        });
        assertThat(admit(l, BOB, 3, "b0")).as("another subject").isInstanceOf(Admission.Allowed.class);
    }

    @Test
    void should_scale_limits_with_the_tier_and_inherit_the_lower_tiers_where_unset() {
        LimitsConfig config = limits();
        assertThat(config.at(Scope.SUBJECT, 1)).isEqualTo(new TierLimits(2, 1));
        assertThat(config.at(Scope.SUBJECT, 3)).isEqualTo(new TierLimits(5, 0));
        assertThat(config.at(Scope.KEY, 0).unlimited()).isTrue();
    }

    @Test
    void should_hold_concurrent_requests_to_the_limit_and_free_a_slot_on_release() {
        RateLimits l = at(T0, limits());
        Admission first = admit(l, ALICE, 0, "c1");
        assertThat(first).isInstanceOf(Admission.Allowed.class);
        assertThat(admit(l, ALICE, 0, "c2")).isInstanceOfSatisfying(Admission.Limited.class,
                lim -> assertThat(lim.kind()).isEqualTo("concurrent"));
        ((Admission.Allowed) first).release().run();
        ((Admission.Allowed) first).release().run();
        assertThat(admit(l, ALICE, 0, "c3")).as("window allows 2 per second").isInstanceOf(Admission.Limited.class);
        RateLimits nextSecond = new RateLimits(l.config(), new EmbeddedRateCounters(),
                Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC));
        assertThat(admit(nextSecond, ALICE, 0, "c4")).isInstanceOf(Admission.Allowed.class);
    }

    @Test
    void should_report_every_problem_with_its_path() {
        assertThat(LimitsConfig.parse(Map.of("keys", Map.of(), "subject", Map.of("tier9", Map.of(),
                "tier0", Map.of("requests_per_s", -1, "burst", 3)))).problems()).containsExactlyInAnyOrder(
                "limits.keys: unknown key (known: classifier_share, key, moderation_inputs, subject, tenant)",
                "limits.subject.tier9: unknown key (known: tier0, tier1, tier2, tier3)",
                "limits.subject.tier0.burst: unknown key (known: concurrent, requests_per_s, tokens_per_day, tokens_per_min)",
                "limits.subject.tier0.requests_per_s: must be a whole number between 0 and 1000000000, but was -1");
        assertThat(LimitsConfig.parse(null).config().any()).isFalse();
        assertThat(List.of(Scope.values())).hasSize(3);
    }

    @Test
    void should_refuse_requests_once_the_minutes_token_budget_is_spent() {
        LimitsConfig config = LimitsConfig.parse(Map.of("key", Map.of("tier0", Map.of("tokens_per_min", 100)))).config();
        EmbeddedRateCounters counters = new EmbeddedRateCounters();
        RateLimits l = new RateLimits(config, counters, Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(admit(l, ALICE, 0, "t1")).isInstanceOf(Admission.Allowed.class);
        l.debit(ALICE, 0, 60);
        assertThat(admit(l, BOB, 0, "t2")).as("same key, 60 of 100 used").isInstanceOf(Admission.Allowed.class);
        l.debit(BOB, 0, 60);
        assertThat(admit(l, ALICE, 0, "t3")).isInstanceOfSatisfying(Admission.Limited.class, lim -> {
            assertThat(lim.kind()).isEqualTo("tokens");
            assertThat(lim.scope()).isEqualTo(Scope.KEY);
            assertThat(lim.retryAfterMs()).isEqualTo(59_750);
        });
        RateLimits nextMinute = new RateLimits(config, counters, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        assertThat(admit(nextMinute, ALICE, 0, "t4")).isInstanceOf(Admission.Allowed.class);
    }

    @Test
    void should_report_a_daily_budget_that_is_invalid_or_below_the_minutes_with_its_path() {
        assertThat(LimitsConfig.parse(Map.of("tenant", Map.of(
                "tier1", Map.of("tokens_per_day", 2.5),
                "tier2", Map.of("tokens_per_min", 1000, "tokens_per_day", 999)))).problems()).containsExactlyInAnyOrder(
                "limits.tenant.tier1.tokens_per_day: must be a whole number between 0 and 1000000000, but was 2.5",
                "limits.tenant.tier2.tokens_per_day: must be at least tokens_per_min (1000) or 0, but was 999");
        LimitsConfig ok = LimitsConfig.parse(Map.of("tenant", Map.of("tier0", Map.of("tokens_per_day", 5000),
                "tier2", Map.of("tokens_per_min", 100, "tokens_per_day", 100_000)))).config();
        assertThat(ok.at(Scope.TENANT, 1)).as("inherits tier0").isEqualTo(new TierLimits(0, 0, 0, 5000));
        assertThat(ok.at(Scope.TENANT, 3)).isEqualTo(new TierLimits(0, 0, 100, 100_000));
        assertThat(ok.chargesTokens()).isTrue();
        assertThat(limits().chargesTokens()).as("requests and slots only").isFalse();
    }

    @Test
    void should_refuse_until_midnight_utc_once_the_days_token_budget_is_spent_and_allow_again_the_next_day() {
        LimitsConfig config = LimitsConfig.parse(Map.of("subject", Map.of(
                "tier0", Map.of("tokens_per_min", 100, "tokens_per_day", 250),
                "tier3", Map.of("tokens_per_day", 10_000)))).config();
        EmbeddedRateCounters counters = new EmbeddedRateCounters();
        Instant evening = Instant.parse("2026-03-07T23:57:30Z");
        MutableClock clock = new MutableClock(evening);
        RateLimits l = new RateLimits(config, counters, clock);
        for (int minute = 0; minute < 3; minute++) {                      // 90 tokens in each of three minutes
            clock.set(evening.plusSeconds(60L * minute));
            assertThat(admit(l, ALICE, 0, "d" + minute)).as("minute %d", minute).isInstanceOf(Admission.Allowed.class);
            l.debit(ALICE, 0, 90);
        }
        clock.set(Instant.parse("2026-03-07T23:59:59.400Z"));             // 270 of 250 today; this minute only 90
        assertThat(admit(l, ALICE, 0, "over")).isInstanceOfSatisfying(Admission.Limited.class, lim -> {
            assertThat(lim.kind()).isEqualTo("tokens_per_day");
            assertThat(lim.scope()).isEqualTo(Scope.SUBJECT);
            assertThat(lim.quota()).isEqualTo(new Admission.Quota(250, 0, 600));
            assertThat(lim.retryAfterMs()).as("until midnight UTC").isEqualTo(600);
        });
        assertThat(admit(l, BOB, 0, "bob")).as("another subject's day").isInstanceOf(Admission.Allowed.class);
        assertThat(admit(l, ALICE, 3, "tier3")).as("a higher tier's larger budget").isInstanceOf(Admission.Allowed.class);

        clock.set(Instant.parse("2026-03-08T00:00:00.000Z"));             // the window rolls at midnight UTC
        assertThat(admit(l, ALICE, 0, "tomorrow")).isInstanceOf(Admission.Allowed.class);
        l.debit(ALICE, 0, 100);
        assertThat(admit(l, ALICE, 0, "minute")).as("the minute's budget, not the day's")
                .isInstanceOfSatisfying(Admission.Limited.class, lim -> assertThat(lim.kind()).isEqualTo("tokens"));
    }

    @Test
    void should_report_the_day_before_the_minute_when_both_budgets_are_spent() {
        LimitsConfig config = LimitsConfig.parse(Map.of("key", Map.of(
                "tier0", Map.of("tokens_per_min", 100, "tokens_per_day", 100)))).config();
        RateLimits l = at(Instant.parse("2026-01-01T12:00:00Z"), config);
        l.debit(ALICE, 0, 150);
        assertThat(admit(l, ALICE, 0, "both")).isInstanceOfSatisfying(Admission.Limited.class, lim -> {
            assertThat(lim.kind()).isEqualTo("tokens_per_day");
            assertThat(lim.retryAfterMs()).isEqualTo(12 * 3_600_000L);
        });
    }

    /** A clock the test moves: no sleeping to cross midnight. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
