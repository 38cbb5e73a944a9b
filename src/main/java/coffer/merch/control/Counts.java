package coffer.merch.control;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;

/**
 * Where {@link FailedLogins} keeps its counts: the compare-and-set operations it needs, over a
 * JCache on Payara's Hazelcast data grid (one count for the whole cluster) or, on an instance
 * started outside any cluster, over a Caffeine map. Either drops an entry a while after it was
 * written, so neither is ever scanned.
 *
 * @param get the entry's value, or null
 * @param create writes an entry where there is none; whether it did
 * @param replace writes an entry that holds the expected value; whether it did
 * @param removeIf removes an entry that holds the expected value; whether it did
 * @param remove removes an entry, whatever it holds
 */
record Counts(
        UnaryOperator<String> get,
        BiPredicate<String, String> create,
        Swap replace,
        BiPredicate<String, String> removeIf,
        Consumer<String> remove) {

    @FunctionalInterface
    interface Swap {
        boolean apply(String key, String expected, String value);
    }

    /**
     * A cache of the grid, created by the first instance that asks, each entry expiring {@code
     * life} after its creation.
     */
    static Counts onGrid(CacheManager grid, String name, Duration life) {
        Cache<String, String> cache = grid.getCache(name, String.class, String.class);
        if (cache == null) {
            try {
                cache =
                        grid.createCache(
                                name,
                                new MutableConfiguration<String, String>()
                                        .setTypes(String.class, String.class)
                                        .setExpiryPolicyFactory(
                                                CreatedExpiryPolicy.factoryOf(
                                                        new javax.cache.expiry.Duration(
                                                                TimeUnit.SECONDS,
                                                                life.toSeconds()))));
            } catch (CacheException createdMeanwhile) {
                cache = grid.getCache(name, String.class, String.class);
            }
        }
        return new Counts(
                cache::get, cache::putIfAbsent, cache::replace, cache::remove, cache::remove);
    }

    /** This instance's own counts, each dropped {@code life} after it was last written. */
    static Counts local(Duration life) {
        ConcurrentMap<String, String> map =
                Caffeine.newBuilder().expireAfterWrite(life).<String, String>build().asMap();
        return new Counts(
                map::get,
                (key, value) -> map.putIfAbsent(key, value) == null,
                map::replace,
                map::remove,
                map::remove);
    }
}
