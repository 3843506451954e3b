package dev.roster.adapters.out.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.roster.application.model.access.Principal;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.out.users.UserReadCache;
import dev.roster.domain.user.UserId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@link UserReadCache} in Caffeine: views and principals by user id, bounded by {@code roster.cache.users.maximum-size}
 * each and expired {@code roster.cache.users.expire-after-write} after loading (the staleness bound when other
 * instances write). Loads run inside Caffeine's per-key computation, so an {@link #evict} that arrives while a load
 * of the same user is running waits for it and then removes its result: a load that read a value from before a
 * commit cannot outlive that commit's eviction. Hit, miss and eviction counts are published as {@code cache_*}
 * metrics with {@code cache="users.views"} and {@code cache="users.principals"}.
 *
 * <p>{@link #suspend} empties both and makes every read load until {@link #resume}. Emptying a Caffeine cache does not
 * wait for loads in flight, so each load notes the suspension count it started under and drops its own result when
 * a suspension happened meanwhile.
 */
@Singleton
final class CaffeineUserReadCache implements UserReadCache {
    private final boolean enabled;
    private final Cache<UserId, UserView> views;
    private final Cache<UserId, Principal> principals;
    private volatile boolean suspended;
    private final AtomicLong suspensions = new AtomicLong();

    CaffeineUserReadCache(UserCacheProperties properties, @Nullable MeterRegistry registry) {
        this.enabled = properties.enabled();
        this.views = Caffeine.newBuilder().maximumSize(properties.maximumSize())
                .expireAfterWrite(properties.expireAfterWrite()).recordStats().build();
        this.principals = Caffeine.newBuilder().maximumSize(properties.maximumSize())
                .expireAfterWrite(properties.expireAfterWrite()).recordStats().build();
        if (registry != null) {
            CaffeineCacheMetrics.monitor(registry, views, "users.views");
            CaffeineCacheMetrics.monitor(registry, principals, "users.principals");
        }
    }

    @Override
    public Optional<UserView> view(UserId id, Function<UserId, Optional<UserView>> load) {
        return read(views, id, load);
    }

    @Override
    public Optional<Principal> principal(UserId id, Function<UserId, Optional<Principal>> load) {
        return read(principals, id, load);
    }

    private <T> Optional<T> read(Cache<UserId, T> cache, UserId id, Function<UserId, Optional<T>> load) {
        if (!enabled || suspended) {
            return load.apply(id);
        }
        long before = suspensions.get();
        T value = cache.get(id, key -> load.apply(key).orElse(null));
        if (suspensions.get() != before) {
            cache.invalidate(id); // loaded across a suspension: it may predate a change this instance missed
        }
        return Optional.ofNullable(value);
    }

    @Override
    public void evict(UserId id) {
        views.invalidate(id);
        principals.invalidate(id);
    }

    @Override
    public void suspend() {
        suspended = true;
        suspensions.incrementAndGet();
        views.invalidateAll();
        principals.invalidateAll();
    }

    @Override
    public void resume() {
        suspended = false;
    }
}
