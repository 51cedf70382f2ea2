package dev.rampart.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The packs in force and which one applies to a request. Precedence, most specific first: a pack bound to the
 * caller's API key, then to the caller's tenant, then to the requested model, then the default. Pure and immutable.
 *
 * @param <T> what is bound (a {@link Policy}, or the gateway's policy-plus-classifiers state)
 */
public final class PolicySet<T> {
    /** What a binding matches on. */
    public enum Scope { KEY, TENANT, MODEL }

    /** One binding as configured: a scope, the value it matches, and the pack's source. */
    public record Binding(Scope scope, String match, String source) {
        public Binding {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(source, "source");
        }
    }

    private final T fallback;
    private final Map<Scope, Map<String, T>> bound;

    private PolicySet(T fallback, Map<Scope, Map<String, T>> bound) {
        this.fallback = fallback;
        this.bound = bound;
    }

    public static <T> PolicySet<T> of(T fallback) {
        return new PolicySet<>(fallback, Map.of());
    }

    /** Builds a set from bindings, loading each distinct source once with {@code load}. */
    public static <T> PolicySet<T> of(T fallback, Iterable<Binding> bindings, Function<String, T> load) {
        Map<String, T> bySource = new LinkedHashMap<>();
        Map<Scope, Map<String, T>> bound = new java.util.EnumMap<>(Scope.class);
        for (Binding b : bindings) {
            T value = bySource.computeIfAbsent(b.source(), load);
            bound.computeIfAbsent(b.scope(), s -> new LinkedHashMap<>()).putIfAbsent(b.match(), value);
        }
        bound.replaceAll((scope, map) -> Map.copyOf(map));
        return new PolicySet<>(fallback, Map.copyOf(bound));
    }

    /** The pack for a request; any argument may be null. */
    public T select(String keyId, String tenant, String model) {
        T byKey = lookup(Scope.KEY, keyId);
        if (byKey != null) {
            return byKey;
        }
        T byTenant = lookup(Scope.TENANT, tenant);
        if (byTenant != null) {
            return byTenant;
        }
        T byModel = lookup(Scope.MODEL, model);
        return byModel != null ? byModel : fallback;
    }

    public T fallback() {
        return fallback;
    }

    /** Every distinct pack in the set, the default first. */
    public java.util.List<T> all() {
        java.util.LinkedHashSet<T> out = new java.util.LinkedHashSet<>();
        out.add(fallback);
        bound.values().forEach(m -> out.addAll(m.values()));
        return java.util.List.copyOf(out);
    }

    private T lookup(Scope scope, String value) {
        if (value == null) {
            return null;
        }
        Map<String, T> map = bound.get(scope);
        return map == null ? null : map.get(value);
    }
}
