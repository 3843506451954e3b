package dev.roster.adapters.out.persistence.jdbc;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** One row of {@code user_attributes}: a custom field of a user. */
@Introspected
public record UserAttributeRow(UUID userId, String attrKey, String attrValue) {
}
