package dev.roster.adapters.in.http.problem;

import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.port.in.access.AuthenticationFailedException;
import dev.roster.application.port.in.access.WrongPasswordException;
import dev.roster.application.port.in.bulk.ImportAbortedException;
import dev.roster.application.port.in.bulk.ImportInputException;
import dev.roster.application.port.in.bulk.ImportReport;
import dev.roster.application.port.in.erasure.LegalHoldException;
import dev.roster.application.port.in.erasure.ReceiptNotFoundException;
import dev.roster.application.port.in.lifecycle.FileNotFoundException;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.IllegalUserStateTransitionException;
import dev.roster.domain.user.InvalidUserDataException;
import dev.roster.domain.user.LastAdminException;
import dev.roster.domain.user.UserHasResourcesException;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserStatus;
import dev.roster.domain.user.UserVersionConflictException;
import dev.roster.domain.user.WeakPasswordException;
import io.micronaut.data.connection.exceptions.NoConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMapperTest {
    private static final UserId ADA = UserId.parse("0190a8a4-0000-7000-8000-000000000001");
    private static final HttpRequest<?> REQUEST = HttpRequest.PATCH("/api/v1/users/" + ADA, "{}");
    private static final HttpRequest<?> WITH_IF_MATCH = HttpRequest.PATCH("/api/v1/users/" + ADA, "{}").header("If-Match", "\"3\"");

    private static ProblemMapper.Answer answer(RuntimeException error) {
        return ProblemMapper.answer(error, REQUEST);
    }

    @Nested
    class DomainExceptions {
        @Test
        void invalidDataNamesTheFieldUnderValidationFailed() {
            Problem problem = answer(new InvalidUserDataException("phone", "must be E.164")).problem();
            assertThat(problem.type()).isEqualTo("/problems/validation-failed");
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.instance()).isEqualTo("/api/v1/users/" + ADA);
            assertThat(problem.errors()).containsExactly(new Problem.FieldError("phone", "must be E.164"));
        }

        @Test
        void aVersionConflictIs412WithIfMatchAnd409Without() {
            assertThat(ProblemMapper.answer(new UserVersionConflictException(ADA), WITH_IF_MATCH).problem().status()).isEqualTo(412);
            Problem withoutPrecondition = answer(new UserVersionConflictException(ADA)).problem();
            assertThat(withoutPrecondition.status()).isEqualTo(409);
            assertThat(withoutPrecondition.type()).isEqualTo("/problems/edit-conflict");
        }

        @Test
        void ownedResourcesAreCountedInTheResourcesMember() {
            Problem problem = answer(new UserHasResourcesException(3)).problem();
            assertThat(problem.type()).isEqualTo("/problems/user-has-resources");
            assertThat(problem.resources()).isEqualTo(Map.of("files", 3L));
        }

        @Test
        void eachBusinessRuleHasItsType() {
            assertThat(answer(new LastAdminException("deactivate")).problem().type()).isEqualTo("/problems/last-admin");
            assertThat(answer(new UserNotFoundException(ADA)).problem().status()).isEqualTo(404);
            assertThat(answer(new EmailAlreadyTakenException()).problem().type()).isEqualTo("/problems/email-taken");
            assertThat(answer(new WeakPasswordException("is too short")).problem().detail()).isEqualTo("The password is too short.");
            assertThat(answer(new IllegalUserStateTransitionException(ADA, UserStatus.ANONYMIZED, "restore")).problem().type())
                    .isEqualTo("/problems/invalid-state");
        }
    }

    @Nested
    class ApplicationExceptions {
        @Test
        void aFailedLoginIsOneAnswerWithABearerChallenge() {
            ProblemMapper.Answer answer = answer(new AuthenticationFailedException());
            assertThat(answer.problem().status()).isEqualTo(401);
            assertThat(answer.problem().detail()).isEqualTo("Invalid email or password.");
            assertThat(answer.headers()).containsEntry("WWW-Authenticate", "Bearer");
        }

        @Test
        void aRateLimitSaysWhenToRetryInWholeSecondsRoundedUp() {
            ProblemMapper.Answer answer = answer(new RateLimitExceededException(Duration.ofMillis(1500)));
            assertThat(answer.problem().status()).isEqualTo(429);
            assertThat(answer.headers()).containsEntry("Retry-After", "2");
        }

        @Test
        void aWrongCurrentPasswordIsAFieldError() {
            assertThat(answer(new WrongPasswordException()).problem().errors())
                    .containsExactly(new Problem.FieldError("currentPassword", "does not match"));
        }

        @Test
        void anInvalidQueryNamesTheParameter() {
            Problem problem = answer(new InvalidQueryException("cursor", "is not a cursor of this list")).problem();
            assertThat(problem.type()).isEqualTo("/problems/validation-failed");
            assertThat(problem.errors()).containsExactly(new Problem.FieldError("cursor", "is not a cursor of this list"));
        }

        @Test
        void holdsAndMissingRecordsHaveTheirTypes() {
            assertThat(answer(new LegalHoldException("anonymize")).problem().type()).isEqualTo("/problems/legal-hold");
            assertThat(answer(new ReceiptNotFoundException()).problem().status()).isEqualTo(404);
            assertThat(answer(new FileNotFoundException()).problem().status()).isEqualTo(404);
        }

        @Test
        void aStoppedImportIs400Or413AndSaysWhatWasApplied() {
            ImportReport none = new ImportReport(false, 0, 0, 0, 0, 0, List.of(), false);
            Problem malformed = answer(new ImportAbortedException(none, new ImportInputException(7, "Line 7 is not UTF-8.", false))).problem();
            assertThat(malformed.type()).isEqualTo("/problems/malformed-import");
            assertThat(malformed.detail()).isEqualTo("Line 7 is not UTF-8. Rows before it were applied as the report says; none after it.");
            ImportReport dry = new ImportReport(true, 0, 0, 0, 0, 0, List.of(), false);
            Problem tooLarge = answer(new ImportAbortedException(dry, new ImportInputException(9, "Too large.", true))).problem();
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.detail()).endsWith("Nothing was written (dry run).");
        }
    }

    @Nested
    class EverythingElse {
        @Test
        void aRejectedRequestListsEveryField() {
            Problem problem = answer(new InvalidRequestException(List.of(new Problem.FieldError("email", "is required"),
                    new Problem.FieldError("roles[0]", "is not a role")))).problem();
            assertThat(problem.errors()).hasSize(2);
        }

        @Test
        void anUnreachableDatabaseIs503WithRetryAfter() {
            RuntimeException refused = new RuntimeException(new SQLException("refused", "08001"));
            ProblemMapper.Answer answer = answer(refused);
            assertThat(answer.problem().status()).isEqualTo(503);
            assertThat(answer.headers()).containsEntry("Retry-After", "5");
            assertThat(answer(new NoConnectionException()).problem().status()).isEqualTo(503);
        }

        @Test
        void aStatusTheFrameworkRaisedKeepsItsStatus() {
            assertThat(answer(new HttpStatusException(HttpStatus.NOT_ACCEPTABLE, "no")).problem().status()).isEqualTo(406);
        }

        @Test
        void anythingUnexpectedIs500WithoutItsMessage() {
            Problem problem = answer(new IllegalStateException("ada@example.org broke it")).problem();
            assertThat(problem.status()).isEqualTo(500);
            assertThat(problem.toString()).doesNotContain("ada@example.org");
        }

        @Test
        void anOperationOfABulkRequestIgnoresTheRequestsIfMatch() {
            assertThat(ProblemMapper.problemOfOperation(new UserVersionConflictException(ADA), WITH_IF_MATCH).status()).isEqualTo(409);
        }

        @Test
        void aRequestLineTooLongToReadIs414WithoutAnInstanceAndHeadersTooLargeAre431() {
            Problem line = ProblemMapper.unreadableHead(new TooLongHttpLineException("An HTTP line is larger than 4096 bytes."),
                    "/bad-request").orElseThrow();
            Problem headers = ProblemMapper.unreadableHead(new TooLongHttpHeaderException("HTTP header is larger than 8192 bytes."),
                    "/api/v1/users").orElseThrow();

            assertThat(line.type()).isEqualTo("/problems/uri-too-long");
            assertThat(line.status()).isEqualTo(414);
            assertThat(line.instance()).isNull();
            assertThat(headers.type()).isEqualTo("/problems/request-header-fields-too-large");
            assertThat(headers.status()).isEqualTo(431);
            assertThat(headers.instance()).isEqualTo("/api/v1/users");
            assertThat(ProblemMapper.unreadableHead(new TooLongFrameException("body"), "/api/v1/users")).isEmpty();
            assertThat(ProblemMapper.unreadableHead(null, "/api/v1/users")).isEmpty();
        }

        @Test
        void theFramework414And431HaveTheirTypes() {
            assertThat(ProblemMapper.frameworkError(null, 414, "/x").type()).isEqualTo("/problems/uri-too-long");
            assertThat(ProblemMapper.frameworkError(null, 431, "/x").type()).isEqualTo("/problems/request-header-fields-too-large");
        }

        @Test
        void aFrameworkErrorWithoutCauseGetsTheStatusesGenericDetail() {
            Problem problem = ProblemMapper.frameworkError(null, 405, "/api/v1/users");
            assertThat(problem.type()).isEqualTo("/problems/method-not-allowed");
            assertThat(problem.detail()).isEqualTo("This resource does not support the method.");
        }
    }
}
