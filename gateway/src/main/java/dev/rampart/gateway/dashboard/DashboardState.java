package dev.rampart.gateway.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.decisionlog.DecisionRecord;
import dev.rampart.gateway.decisionlog.DecisionRecordJson;
import dev.rampart.gateway.pipeline.DecisionSink;
import dev.rampart.policy.Action;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dashboard shows, gathered from the decision stream and the meter registry. Recent decisions and the
 * per-second series are kept in small bounded buffers; everything else is read from the meters on demand.
 * Thread-safe: decisions arrive on event loops, snapshots are taken on a timer.
 */
public final class DashboardState implements DecisionSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECENT = 25;
    private static final int SERIES = 120;
    private static final int LATENCY_WINDOW_TICKS = 60;
    private static final String[] LATENCY_TIMERS = {"rampart.request.duration", "rampart.upstream.duration",
            "rampart.classifier.duration", "rampart.stream.ttft"};

    private final MeterRegistry registry;
    /** The newest decisions, shown without their classifier scores or text. */
    private final Deque<DecisionRecord> recent = new ArrayDeque<>();
    private final Deque<ObjectNode> series = new ArrayDeque<>();
    private final Deque<ObjectNode> reloads = new ArrayDeque<>();
    /** The newest contested decisions: the ones worth a reviewer's look. */
    private final Deque<DecisionRecord> contested = new ArrayDeque<>();
    private long contestedTotal;
    private final Map<String, Long> byCategory = new TreeMap<>();
    private final Map<String, Long> byTier = new TreeMap<>();
    private long decisions;
    private long blocks;
    private long lastRequests;
    private long lastBlocks;

    /** Request, upstream, classifier and first-token latency over the last minute, from the timers' buckets. */
    private final Map<String, LatencyWindow> latencies = new java.util.LinkedHashMap<>();

    public DashboardState(MeterRegistry registry) {
        this.registry = registry;
        for (String timer : LATENCY_TIMERS) {
            latencies.put(timer, new LatencyWindow(timer, LATENCY_WINDOW_TICKS));
        }
    }

    @Override
    public synchronized void accept(DecisionRecord record) {
        decisions++;
        if (record.action() == Action.BLOCK) {
            blocks++;
        }
        for (String category : record.categories()) {
            byCategory.merge(category, 1L, Long::sum);
        }
        byTier.merge("tier " + record.tier(), 1L, Long::sum);
        recent.addFirst(record);
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
        if (record.contested()) {
            contestedTotal++;
            contested.addFirst(record);
            while (contested.size() > RECENT) {
                contested.removeLast();
            }
        }
    }

    public synchronized void policyReload(String at, boolean accepted, String revision) {
        reloads.addFirst(JSON.createObjectNode().put("time", at).put("result", accepted ? "ok" : "rejected")
                .put("revision", revision));
        while (reloads.size() > 10) {
            reloads.removeLast();
        }
    }

    /** Adds one point to the per-second series; called once a second. */
    public synchronized void tick(String at) {
        long requests = (long) registry.find("rampart.request.duration").timers().stream().mapToLong(Timer::count).sum();
        ObjectNode point = JSON.createObjectNode().put("time", at)
                .put("requests", Math.max(0, requests - lastRequests)).put("blocks", Math.max(0, blocks - lastBlocks));
        lastRequests = requests;
        lastBlocks = blocks;
        series.addLast(point);
        while (series.size() > SERIES) {
            series.removeFirst();
        }
        latencies.values().forEach(w -> w.tick(registry));
    }

    public synchronized ObjectNode snapshot(String policyRevision) {
        ObjectNode s = JSON.createObjectNode();
        long requests = (long) registry.find("rampart.request.duration").timers().stream().mapToLong(Timer::count).sum();
        s.put("requests_total", requests);
        s.put("decisions_total", decisions);
        s.put("blocks_total", blocks);
        s.put("block_rate", decisions == 0 ? 0 : (double) blocks / decisions);
        s.put("policy_revision", policyRevision);
        ArrayNode seriesNode = s.putArray("series");
        series.forEach(seriesNode::add);
        ObjectNode categories = s.putObject("categories");
        byCategory.forEach(categories::put);
        ObjectNode tiers = s.putObject("tiers");
        byTier.forEach(tiers::put);
        ObjectNode latency = s.putObject("latency_ms");
        latency.set("request", percentiles("rampart.request.duration"));
        latency.set("upstream", percentiles("rampart.upstream.duration"));
        latency.set("classifier", percentiles("rampart.classifier.duration"));
        latency.set("time_to_first_token", percentiles("rampart.stream.ttft"));
        ObjectNode upstreams = s.putObject("upstreams");
        registry.find("rampart.upstream.breaker.state").gauges().forEach(g -> upstreams.put(
                g.getId().getTag("upstream"), switch ((int) g.value()) {
                    case 0 -> "closed";
                    case 1 -> "open";
                    case 2 -> "half-open";
                    default -> "other";
                }));
        ArrayNode recentNode = s.putArray("recent");
        recent.forEach(r -> recentNode.add(shown(r)));
        s.put("contested_total", contestedTotal);
        ArrayNode contestedNode = s.putArray("contested");
        contested.forEach(r -> contestedNode.add(shown(r)));
        ArrayNode reloadNode = s.putArray("reloads");
        reloads.forEach(reloadNode::add);
        return s;
    }

    /** What the page shows of one decision: when, which route, what was decided and why; never scores or text. */
    private static ObjectNode shown(DecisionRecord record) {
        ObjectNode full = DecisionRecordJson.toJson(record);
        ObjectNode shown = JSON.createObjectNode();
        for (String field : new String[] {"time", "decision_id", "request_id", "route", "direction", "action", "tier",
                "contested", "policy_revision", "latency_ms", "subject", "categories", "findings", "would_action"}) {
            if (full.has(field)) {
                shown.set(field, full.get(field));
            }
        }
        return shown;
    }

    private ObjectNode percentiles(String name) {
        LatencyWindow.Summary summary = latencies.get(name).summary(registry);
        return JSON.createObjectNode().put("count", summary.count()).put("p50", summary.p50()).put("p99", summary.p99());
    }
}
