package dev.roster.bootstrap;

import dev.roster.adapters.out.ratelimit.RateLimitKeys;
import dev.roster.application.port.in.recipients.RecipientStatusesUseCase;
import dev.roster.application.port.out.access.PasswordHasher;
import dev.roster.application.port.out.accounts.ServiceAccountRepository;
import dev.roster.application.port.out.access.RateLimiter;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.events.ChangeEventLog;
import dev.roster.application.port.out.events.EventSequencer;
import dev.roster.application.port.out.common.CurrentActor;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.ErasureReceiptRepository;
import dev.roster.application.port.out.erasure.LegalHoldRepository;
import dev.roster.application.port.out.lifecycle.FileRepository;
import dev.roster.application.port.out.privacy.ErasureLedger;
import dev.roster.application.port.out.stats.StatisticsInvalidation;
import dev.roster.application.port.out.stats.UserStatistics;
import dev.roster.application.port.out.users.UserQueries;
import dev.roster.application.port.out.users.UserReadCache;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.access.AuthenticationService;
import dev.roster.application.service.accounts.ServiceAccountService;
import dev.roster.application.service.access.CommonPasswords;
import dev.roster.application.service.access.CredentialService;
import dev.roster.application.service.access.UserAccessService;
import dev.roster.application.service.audit.AuditTrailService;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.audit.ClientAddressRetentionService;
import dev.roster.application.service.bulk.BulkService;
import dev.roster.application.service.bulk.UserExportService;
import dev.roster.application.service.bulk.UserImportService;
import dev.roster.application.service.erasure.DataPackageService;
import dev.roster.application.service.events.ChangeFeedService;
import dev.roster.application.service.events.ChangeFollowerService;
import dev.roster.application.service.erasure.ErasureService;
import dev.roster.application.service.erasure.RetentionService;
import dev.roster.application.service.erasure.SelfErasureService;
import dev.roster.application.service.privacy.ErasureRequestCompletion;
import dev.roster.application.service.privacy.PrivacyRequestService;
import dev.roster.application.service.privacy.RestrictionService;
import dev.roster.application.port.out.erasure.StoredDataPackages;
import dev.roster.application.port.out.privacy.DataPackageEncoder;
import dev.roster.application.port.out.privacy.PrivacyMetrics;
import dev.roster.application.port.out.privacy.PrivacyRequests;
import dev.roster.application.service.lifecycle.SelfDeletionService;
import dev.roster.application.service.privacy.ErasureLedgerRecorder;
import dev.roster.application.service.privacy.ErasureLedgerService;
import dev.roster.application.service.lifecycle.UserFileService;
import dev.roster.application.service.lifecycle.UserLifecycleService;
import dev.roster.application.service.stats.StatisticsService;
import dev.roster.application.service.users.UserDirectoryService;
import dev.roster.application.service.users.UserProfileService;
import dev.roster.application.service.users.UserRegistrationService;
import dev.roster.application.port.out.recipients.ErasureConfirmationListener;
import dev.roster.application.port.out.recipients.ErasureRecipients;
import dev.roster.application.port.out.recipients.ErasureRequests;
import dev.roster.application.port.out.webhooks.DeliveryEndpoints;
import dev.roster.application.port.out.webhooks.WebhookDeliveries;
import dev.roster.application.port.out.webhooks.WebhookMetrics;
import dev.roster.application.port.out.webhooks.WebhookSender;
import dev.roster.application.port.out.webhooks.WebhookSubscriptions;
import dev.roster.application.port.out.webhooks.WebhookSignatures;
import dev.roster.application.port.out.webhooks.WebhookTargets;
import dev.roster.application.service.recipients.ErasureConfirmationService;
import dev.roster.application.service.recipients.ErasureRecipientService;
import dev.roster.application.service.recipients.ErasureRequestService;
import dev.roster.application.service.webhooks.RetrySchedule;
import dev.roster.application.service.webhooks.WebhookDispatchService;
import dev.roster.application.service.webhooks.WebhookService;
import dev.roster.domain.user.PasswordPolicy;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The composition root: the application services are plain Java, so this calls their constructors with the
 * adapters that implement their outbound ports. Controllers see them only through the use-case interfaces.
 */
@Factory
final class ServiceFactory {
    /** Audit events one client-address retention batch moves past at most. */
    private static final int CLIENT_ADDRESS_BATCH = 1_000;

    /** UTC, ticking in microseconds: the precision both databases store, so a returned value equals a re-read one. */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Singleton
    Auditor auditor(AuditLog auditLog, ChangeEventLog changes, CurrentActor currentActor, Clock clock) {
        return new Auditor(auditLog, changes, currentActor, clock);
    }

    @Singleton
    AuditTrailService auditTrailService(AuditLog auditLog, EventSequencer sequencer, TransactionBoundary transactions) {
        return new AuditTrailService(auditLog, sequencer, transactions);
    }

    @Singleton
    ClientAddressRetentionService clientAddressRetentionService(AuditLog auditLog, TransactionBoundary transactions, Clock clock,
                                                                AuditProperties audit) {
        return new ClientAddressRetentionService(auditLog, transactions, clock, audit.clientAddressRetention(),
                CLIENT_ADDRESS_BATCH);
    }

    @Singleton
    ChangeFeedService changeFeedService(ChangeEventLog changes, EventSequencer sequencer, TransactionBoundary transactions,
                                        Clock clock, EventsProperties events) {
        return new ChangeFeedService(changes, sequencer, transactions, clock, Duration.ofDays(events.retentionDays()));
    }

    @Singleton
    ChangeFollowerService changeFollowerService(UserReadCache cache, StatisticsInvalidation statistics, EventSequencer sequencer) {
        return new ChangeFollowerService(cache, statistics, sequencer);
    }

    @Singleton
    PasswordPolicy passwordPolicy() {
        return new PasswordPolicy(CommonPasswords.load());
    }

    @Singleton
    UserRegistrationService userRegistrationService(UserRepository users, TransactionBoundary transactions, Clock clock,
                                                    PasswordHasher hasher, PasswordPolicy policy, Auditor auditor) {
        return new UserRegistrationService(users, transactions, clock, new SecureRandom(), hasher, policy, auditor);
    }

    @Singleton
    AuthenticationService authenticationService(UserRepository users, UserQueries queries, PasswordHasher hasher,
                                                RateLimiter rateLimiter, TransactionBoundary transactions, Clock clock,
                                                Auditor auditor, UserReadCache cache, RateLimitKeys keys) {
        // the email digests that key login limits must be the same on every instance (ADR 0023)
        return new AuthenticationService(users, queries, hasher, rateLimiter, transactions, clock, auditor, cache,
                keys.emailDigestSalt());
    }

    @Singleton
    CredentialService credentialService(UserRepository users, PasswordHasher hasher, PasswordPolicy policy,
                                        RateLimiter rateLimiter, TransactionBoundary transactions, Clock clock,
                                        Auditor auditor) {
        return new CredentialService(users, hasher, policy, rateLimiter, transactions, clock, auditor);
    }

    @Singleton
    UserAccessService userAccessService(UserRepository users, PasswordHasher hasher, PasswordPolicy policy,
                                        TransactionBoundary transactions, Clock clock, Auditor auditor) {
        return new UserAccessService(users, hasher, policy, transactions, clock, new SecureRandom(), auditor);
    }

    @Singleton
    UserProfileService userProfileService(UserRepository users, TransactionBoundary transactions, Clock clock,
                                          Auditor auditor) {
        return new UserProfileService(users, transactions, clock, auditor);
    }

    @Singleton
    UserLifecycleService userLifecycleService(UserRepository users, FileRepository files, StoredDataPackages packages,
                                              LegalHoldRepository holds,
                                              RateLimiter rateLimiter, TransactionBoundary transactions, Clock clock,
                                              Auditor auditor, StatisticsInvalidation statistics) {
        return new UserLifecycleService(users, files, packages, holds, rateLimiter, transactions, clock, auditor, statistics);
    }

    @Singleton
    UserExportService userExportService(UserQueries queries, RateLimiter rateLimiter, TransactionBoundary transactions,
                                        Auditor auditor, ExportProperties export) {
        return new UserExportService(queries, rateLimiter, transactions, auditor, export.pageSize());
    }

    @Singleton
    UserImportService userImportService(UserRepository users, TransactionBoundary transactions, PasswordHasher hasher,
                                        RateLimiter rateLimiter, Auditor auditor, StatisticsInvalidation statistics,
                                        Clock clock, ImportProperties properties) {
        return new UserImportService(users, transactions, hasher, rateLimiter, auditor, statistics, clock,
                new SecureRandom(), properties.batchSize(), properties.maxErrors());
    }

    @Singleton
    BulkService bulkService(UserRegistrationService registration, UserProfileService profiles,
                            UserLifecycleService lifecycle, TransactionBoundary transactions) {
        return new BulkService(registration, profiles, lifecycle, transactions);
    }

    @Singleton
    StatisticsService statisticsService(UserStatistics statistics) {
        return new StatisticsService(statistics);
    }

    @Singleton
    DataPackageService dataPackageService(UserQueries queries, FileRepository files, AuditLog auditLog,
                                          EventSequencer sequencer, RateLimiter rateLimiter, TransactionBoundary transactions, Clock clock,
                                          Auditor auditor, RetentionProperties retention, AuditProperties audit) {
        return new DataPackageService(queries, files, auditLog, sequencer, rateLimiter, transactions, clock, auditor,
                retention.softDeletedDays(), audit.clientAddressRetention());
    }

    @Singleton
    SelfErasureService selfErasureService(UserRepository users, PasswordHasher hasher, ErasureService erasure,
                                          TransactionBoundary transactions) {
        return new SelfErasureService(users, hasher, erasure, transactions);
    }

    @Singleton
    SelfDeletionService selfDeletionService(UserRepository users, PasswordHasher hasher, RateLimiter rateLimiter,
                                            UserLifecycleService lifecycle, TransactionBoundary transactions) {
        return new SelfDeletionService(users, hasher, rateLimiter, lifecycle, transactions);
    }

    @Singleton
    RetentionService retentionService(ErasureService erasure, RetentionProperties retention) {
        return new RetentionService(erasure, Duration.ofDays(retention.softDeletedDays()), retention.batchSize());
    }

    @Singleton
    ErasureService erasureService(UserRepository users, FileRepository files, StoredDataPackages packages,
                                  ErasureReceiptRepository receipts, LegalHoldRepository holds, RateLimiter rateLimiter,
                                  TransactionBoundary transactions, Clock clock, Auditor auditor, ErasureLedgerRecorder ledger) {
        return new ErasureService(users, files, packages, receipts, holds, rateLimiter, transactions, clock, auditor, ledger);
    }

    @Singleton
    PrivacyRequestService privacyRequestService(PrivacyRequests requests, UserRepository users, LegalHoldRepository holds,
                                                DataPackageService dataPackages, DataPackageEncoder encoder,
                                                ErasureService erasure, RecipientStatusesUseCase recipients,
                                                PrivacyMetrics metrics, TransactionBoundary transactions,
                                                Auditor auditor, Clock clock, PrivacyProperties privacy) {
        return new PrivacyRequestService(requests, users, holds, dataPackages, encoder, erasure, recipients, metrics, transactions, auditor,
                clock, privacy.zoneId());
    }

    /** Completes the ERASURE requests waiting for an erasure's recipients when the last one confirms (SPEC §8). */
    @Singleton
    ErasureRequestCompletion erasureRequestCompletion(ErasureReceiptRepository receipts, PrivacyRequests requests,
                                                      PrivacyRequestService privacyRequests) {
        return new ErasureRequestCompletion(receipts, requests, privacyRequests);
    }

    @Singleton
    RestrictionService restrictionService(UserRepository users, TransactionBoundary transactions, Auditor auditor, Clock clock) {
        return new RestrictionService(users, transactions, auditor, clock);
    }

    @Singleton
    ErasureLedgerRecorder erasureLedgerRecorder(ErasureLedger ledger, ChangeEventLog changes, EventSequencer sequencer,
                                                ErasureReceiptRepository receipts, TransactionBoundary transactions) {
        return new ErasureLedgerRecorder(ledger, changes, sequencer, receipts, transactions);
    }

    @Singleton
    ErasureLedgerService erasureLedgerService(ErasureLedger ledger, ErasureService erasure, ErasureLedgerRecorder recorder) {
        return new ErasureLedgerService(ledger, erasure, recorder);
    }

    @Singleton
    UserFileService userFileService(UserRepository users, FileRepository files, TransactionBoundary transactions,
                                    Clock clock, Auditor auditor) {
        return new UserFileService(users, files, transactions, clock, auditor);
    }

    @Singleton
    UserDirectoryService userDirectoryService(UserQueries queries, TransactionBoundary transactions, UserReadCache cache) {
        return new UserDirectoryService(queries, transactions, cache);
    }

    @Singleton
    ServiceAccountService serviceAccountService(ServiceAccountRepository accounts, TransactionBoundary transactions,
                                                Clock clock, Auditor auditor) {
        return new ServiceAccountService(accounts, transactions, clock, new SecureRandom(), auditor);
    }

    @Singleton
    WebhookService webhookService(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, WebhookTargets targets,
                                  TransactionBoundary transactions, Auditor auditor, Clock clock) {
        return new WebhookService(subscriptions, deliveries, targets, transactions, auditor, clock, new SecureRandom());
    }

    @Singleton
    WebhookDispatchService webhookDispatchService(DeliveryEndpoints endpoints, WebhookDeliveries deliveries,
                                                  WebhookSender sender, WebhookMetrics metrics, TransactionBoundary transactions,
                                                  Clock clock, WebhooksProperties webhooks) {
        return new WebhookDispatchService(endpoints, deliveries, sender, metrics,
                new RetrySchedule(webhooks.retryDelays(), webhooks.jitter(), new java.util.Random()), transactions, clock,
                webhooks.lease());
    }

    @Singleton
    ErasureRecipientService erasureRecipientService(ErasureRecipients recipients, ErasureRequests requests,
                                                    WebhookDeliveries deliveries, WebhookTargets targets,
                                                    EventSequencer sequencer, List<ErasureConfirmationListener> listeners,
                                                    TransactionBoundary transactions, Auditor auditor, Clock clock) {
        return new ErasureRecipientService(recipients, requests, deliveries, targets, sequencer, listeners, transactions,
                auditor, clock, new SecureRandom());
    }

    /** {@code roster.erasure.confirmation-window}: how long a recipient has to confirm before it is overdue. */
    @Singleton
    ErasureRequestService erasureRequestService(ErasureRecipients recipients, ErasureRequests requests,
                                                ErasureReceiptRepository receipts, WebhookDeliveries deliveries,
                                                TransactionBoundary transactions, Clock clock,
                                                @Value("${roster.erasure.confirmation-window:7d}") Duration confirmationWindow) {
        return new ErasureRequestService(recipients, requests, receipts, deliveries, transactions, clock, confirmationWindow);
    }

    @Singleton
    ErasureConfirmationService erasureConfirmationService(ErasureRecipients recipients, ErasureRequests requests,
                                                          WebhookSignatures signatures,
                                                          List<ErasureConfirmationListener> listeners,
                                                          TransactionBoundary transactions, Auditor auditor, Clock clock) {
        return new ErasureConfirmationService(recipients, requests, signatures, listeners, transactions, auditor, clock);
    }
}
