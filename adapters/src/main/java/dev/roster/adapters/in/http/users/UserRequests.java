package dev.roster.adapters.in.http.users;

import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.application.port.in.users.CreateUserCommand;
import dev.roster.application.port.in.users.UpsertUserCommand;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.Phone;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.Role;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns request bodies into commands; the value objects do the validating, every rejected field is reported. */
public final class UserRequests {
    private UserRequests() {
    }

    public static CreateUserCommand toCommand(CreateUserRequest body) {
        if (body == null) {
            throw InvalidRequestException.of("body", "a JSON object is required");
        }
        FieldErrors errors = new FieldErrors();
        Email email = null;
        if (body.email() == null) {
            errors.add("email", "is required");
        } else {
            email = errors.attempt(() -> new Email(body.email()));
        }
        DisplayName displayName = body.displayName() == null ? null : errors.attempt(() -> new DisplayName(body.displayName()));
        Phone phone = body.phone() == null ? null : errors.attempt(() -> new Phone(body.phone()));
        Attributes attributes = attributes(body.attributes(), errors);
        Set<Role> roles = roles(body.roles(), errors);
        errors.throwIfAny();
        return new CreateUserCommand(email, Optional.ofNullable(displayName), Optional.ofNullable(phone), attributes, roles,
                Optional.ofNullable(body.password()).map(PlainPassword::new));
    }

    public static UpsertUserCommand toCommand(String emailFromPath, UpsertUserRequest body) {
        UpsertUserRequest given = body == null ? new UpsertUserRequest(null, null, null) : body;
        FieldErrors errors = new FieldErrors();
        Email email = errors.attempt(() -> new Email(emailFromPath));
        DisplayName displayName = given.displayName() == null ? null : errors.attempt(() -> new DisplayName(given.displayName()));
        Phone phone = given.phone() == null ? null : errors.attempt(() -> new Phone(given.phone()));
        Attributes attributes = attributes(given.attributes(), errors);
        errors.throwIfAny();
        return new UpsertUserCommand(email, Optional.ofNullable(displayName), Optional.ofNullable(phone), attributes);
    }

    public static Attributes attributes(Map<String, String> given, FieldErrors errors) {
        if (given == null) {
            return Attributes.none();
        }
        Attributes attributes = errors.attempt(() -> Attributes.of(given));
        return attributes == null ? Attributes.none() : attributes;
    }

    public static Set<Role> roles(List<String> given, FieldErrors errors) {
        Set<Role> roles = EnumSet.of(Role.USER);
        if (given != null) {
            for (String name : given) {
                Role role = errors.attemptAs("roles", () -> Role.parse(name));
                if (role != null) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }
}
