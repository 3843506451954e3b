package dev.roster.bootstrap.http;

import static dev.roster.bootstrap.TestClient.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** SPEC §2 "Concurrency" over HTTP: racing writes on fresh data, each scenario repeated. */
@MicronautTest(transactional = false, environments = "unsecured")
class UserConcurrencyApiTest {
    private static final int REPETITIONS = 5;

    @Inject
    TestClient api;

    @Inject
    TestDatabase database;

    ExecutorService executor;

    @BeforeEach
    void startFromEmptyTables() {
        database.clear();
        executor = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Runs every request at the same moment (after all threads are ready) and returns the replies in order. */
    private List<TestReply> together(List<Callable<TestReply>> requests) throws Exception {
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TestReply>> futures = new ArrayList<>();
        for (Callable<TestReply> request : requests) {
            futures.add(executor.submit(() -> {
                ready.countDown();
                assertThat(start.await(30, TimeUnit.SECONDS)).isTrue();
                return request.call();
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        start.countDown();
        List<TestReply> replies = new ArrayList<>();
        for (Future<TestReply> future : futures) {
            replies.add(future.get(60, TimeUnit.SECONDS));
        }
        return replies;
    }

    private static List<Integer> statuses(List<TestReply> replies) {
        return replies.stream().map(TestReply::status).toList();
    }

    @Nested
    class ConcurrentCreates {
        @RepeatedTest(REPETITIONS)
        void letExactlyOneOfTwoCreatesWithTheSameEmailInDifferentCaseWin() throws Exception {
            List<TestReply> replies = together(List.of(
                    () -> api.postJson(USERS, "{\"email\":\"race@example.org\"}"),
                    () -> api.postJson(USERS, "{\"email\":\"RACE@Example.org\"}")));

            assertThat(statuses(replies)).as("%s", replies).containsExactlyInAnyOrder(201, 409);
            replies.stream().filter(reply -> reply.status() == 409)
                    .forEach(reply -> reply.assertProblem(409, "email-taken", USERS));
            assertThat(api.count().countValue()).isOne();
        }

        @RepeatedTest(REPETITIONS)
        void letExactlyOneOfEightCreatesWithTheSameEmailWin() throws Exception {
            List<Callable<TestReply>> requests = new ArrayList<>();
            String[] spellings = {"crowd@example.org", "CROWD@example.org", "Crowd@Example.org", "crowd@EXAMPLE.ORG",
                    "cRowd@example.org", "crOwd@example.org", "croWd@example.org", "crowD@example.org"};
            for (String email : spellings) {
                requests.add(() -> api.postJson(USERS, "{\"email\":\"" + email + "\"}"));
            }

            List<TestReply> replies = together(requests);

            assertThat(statuses(replies)).as("%s", replies).filteredOn(status -> status == 201).hasSize(1);
            assertThat(statuses(replies)).as("%s", replies).filteredOn(status -> status == 409).hasSize(7);
            replies.stream().filter(reply -> reply.status() == 409)
                    .forEach(reply -> reply.assertProblem(409, "email-taken", USERS));
            assertThat(api.count().countValue()).isOne();
        }

        @RepeatedTest(REPETITIONS)
        void createOneUserForTwoUpsertsOfTheSameNewEmail() throws Exception {
            List<TestReply> replies = together(List.of(
                    () -> api.putJson(USERS + "/by-email/upsert@example.org", "{\"displayName\":\"One\"}"),
                    () -> api.putJson(USERS + "/by-email/UPSERT@example.org", "{\"displayName\":\"Two\"}")));

            assertThat(statuses(replies)).as("%s", replies).containsExactlyInAnyOrder(201, 200);
            assertThat(replies.get(0).json().get("id")).isEqualTo(replies.get(1).json().get("id"));
            assertThat(api.count().countValue()).isOne();
        }
    }

    @Nested
    class ConcurrentPatches {
        @RepeatedTest(REPETITIONS)
        void letExactlyOneOfTwoPatchesWithTheSameIfMatchWin() throws Exception {
            Map<String, Object> user = api.create("{\"email\":\"patch@example.org\",\"displayName\":\"Start\"}");
            String path = USERS + "/" + user.get("id");

            List<TestReply> replies = together(List.of(
                    () -> api.patchIfMatch(path, "{\"displayName\":\"Left\"}", "\"0\""),
                    () -> api.patchIfMatch(path, "{\"displayName\":\"Right\"}", "\"0\"")));

            assertThat(statuses(replies)).as("%s", replies).containsExactlyInAnyOrder(200, 412);
            TestReply winner = replies.stream().filter(reply -> reply.status() == 200).findFirst().orElseThrow();
            replies.stream().filter(reply -> reply.status() == 412)
                    .forEach(reply -> reply.assertProblem(412, "precondition-failed", path));
            assertThat(winner.etag()).isEqualTo("\"1\"");
            TestReply read = api.get(path);
            assertThat(read.etag()).isEqualTo("\"1\"");
            assertThat(((Number) read.json().get("version")).longValue()).isOne();
            assertThat(read.json().get("displayName")).isEqualTo(winner.json().get("displayName"));
        }

        @RepeatedTest(REPETITIONS)
        void applyBothOfTwoPatchesWithoutIfMatch() throws Exception {
            Map<String, Object> user = api.create("{\"email\":\"patch@example.org\"}");
            String path = USERS + "/" + user.get("id");

            List<TestReply> replies = together(List.of(
                    () -> api.patch(path, "{\"attributes\":{\"left\":\"1\"}}"),
                    () -> api.patch(path, "{\"attributes\":{\"right\":\"2\"}}")));

            assertThat(statuses(replies)).as("%s", replies).containsExactly(200, 200);
            TestReply read = api.get(path);
            assertThat(read.etag()).isEqualTo("\"2\"");
            assertThat(read.json().get("attributes")).isEqualTo(Map.of("left", "1", "right", "2"));
        }

        @RepeatedTest(REPETITIONS)
        void letExactlyOneOfTwoPatchesTakeAFreeEmail() throws Exception {
            String first = USERS + "/" + api.createWithEmail("first@example.org").get("id");
            String second = USERS + "/" + api.createWithEmail("second@example.org").get("id");

            List<TestReply> replies = together(List.of(
                    () -> api.patch(first, "{\"email\":\"wanted@example.org\"}"),
                    () -> api.patch(second, "{\"email\":\"WANTED@example.org\"}")));

            assertThat(statuses(replies)).as("%s", replies).containsExactlyInAnyOrder(200, 409);
            replies.stream().filter(reply -> reply.status() == 409).forEach(reply -> reply.assertProblem(409, "email-taken"));
            assertThat(api.count("q", "wanted@").countValue()).isOne();
        }
    }
}
