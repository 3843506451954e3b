package dev.roster.application.model.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A receiver's URL: absolute http or https, with a host, at most 2000 characters, no user info and no fragment. Its
 * query string may hold a receiver's token, so {@link #toString()} and {@link #redacted()} leave it out.
 */
public record WebhookUrl(String value) {
    public static final int MAX_LENGTH = 2000;

    public WebhookUrl {
        Objects.requireNonNull(value, "value");
        value = value.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new InvalidWebhookException("url", "must be an http or https URL of at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidWebhookException("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new InvalidWebhookException("url", "must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new InvalidWebhookException("url", "must not contain user information");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidWebhookException("url", "must name a host");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidWebhookException("url", "must not have a fragment");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new InvalidWebhookException("url", "has an invalid port");
        }
    }

    public URI uri() {
        return URI.create(value);
    }

    /** The host as the URL names it (an IPv6 literal without its brackets). */
    public String host() {
        String host = uri().getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Scheme, host, port and path: what may be logged. */
    public String redacted() {
        URI uri = uri();
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public String toString() {
        return "WebhookUrl[" + redacted() + "]";
    }
}
